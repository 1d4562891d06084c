package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress of a local fleet run on stderr, on a clock the test moves. */
class AFleetProgressBarRedrawsOnATerminalAndPrintsALinePerSecondElsewhereTest {
    private static final long SECOND = 1_000_000_000L;
    private final StringWriter err = new StringWriter();
    private long now;

    private static LocalFleetProgress.Snapshot offboard(int done, int deleted, int failed) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        if (deleted > 0) {
            counts.put("DELETED", deleted);
        }
        if (failed > 0) {
            counts.put("Offboarding.DeleteConflictPersists", failed);
        }
        return new LocalFleetProgress.Snapshot("offboard", done, 40, counts);
    }

    @Test
    void elsewhereAChangeIsPrintedAtMostOnceASecondAndTheLastStateAlways() {
        ProgressBar bar = new ProgressBar(new PrintWriter(err, true), false, () -> now);

        bar.update(offboard(0, 0, 0));
        now += SECOND / 4;
        bar.update(offboard(1, 1, 0));
        now += SECOND / 2;
        bar.update(offboard(2, 2, 0));
        now += SECOND / 2;
        bar.update(offboard(10, 9, 1));
        now += SECOND / 10;
        bar.finish(offboard(40, 39, 1));

        assertEquals(List.of(
                "offboard [------------------------] 0/40 users",
                "offboard [######------------------] 10/40 users  DELETED 9, Offboarding.DeleteConflictPersists 1"
                        + "  about 4 s left",
                "offboard [########################] 40/40 users  DELETED 39, Offboarding.DeleteConflictPersists 1"),
                err.toString().lines().toList());
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndEndedOnce() {
        ProgressBar bar = new ProgressBar(new PrintWriter(err, true), true, () -> now);

        bar.update(offboard(0, 0, 0));
        now += SECOND;
        bar.update(offboard(20, 20, 0));
        bar.finish(offboard(40, 40, 0));

        String printed = err.toString();
        assertEquals(3, printed.chars().filter(c -> c == '\r').count(), printed);
        assertEquals(1, printed.chars().filter(c -> c == '\n').count(), "one line, redrawn: " + printed);
        assertEquals("offboard [############------------] 20/40 users  DELETED 20  about 1 s left",
                printed.split("\r")[2].replace("\u001b[K", ""));
    }

    @Test
    void theTimeLeftIsThePhasesPaceTimesTheUsersLeft() {
        assertEquals("plan     [######------------------] 10/40 users  WOULD_OFFBOARD 10  about 15 s left",
                ProgressBar.line(new LocalFleetProgress.Snapshot("plan", 10, 40, Map.of("WOULD_OFFBOARD", 10)),
                        5 * SECOND));
    }

    @Test
    void whenTheOffboardPhaseBeginsThePlanIsShownAsItEndedEvenIfNoPollSawItsEnd() {
        ProgressBar bar = new ProgressBar(new PrintWriter(err, true), false, () -> now);
        LocalFleetProgress.Snapshot planEnded = new LocalFleetProgress.Snapshot("plan", 48, 48,
                new java.util.TreeMap<>(Map.of("REFUSED", 12, "WOULD_OFFBOARD", 36)));

        bar.update(new LocalFleetProgress.Snapshot("plan", 47, 48,
                new java.util.TreeMap<>(Map.of("REFUSED", 12, "WOULD_OFFBOARD", 35))));
        now += SECOND / 10;
        bar.update(new LocalFleetProgress.Snapshot("offboard", 0, 36, Map.of(), planEnded));
        bar.finish(new LocalFleetProgress.Snapshot("offboard", 0, 36, Map.of(), planEnded));

        assertEquals(List.of(
                "plan     [#######################-] 47/48 users  REFUSED 12, WOULD_OFFBOARD 35",
                "plan     [########################] 48/48 users  REFUSED 12, WOULD_OFFBOARD 36",
                "offboard [------------------------] 0/36 users"), err.toString().lines().toList());
    }
}
