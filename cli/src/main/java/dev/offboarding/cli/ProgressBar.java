package dev.offboarding.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A local fleet run's progress on stderr: the phase, users done of total, the outcomes so far and the time left,
 * estimated from the phase's pace. On a terminal the line is redrawn in place; elsewhere (a file, a pipe) a line is
 * printed when something changed, at most once a second, and the last state always.
 */
final class ProgressBar {
    private static final int WIDTH = 24;
    private static final long LINE_INTERVAL_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private String phase;
    private long phaseStarted;
    private LocalFleetProgress.Snapshot shown;
    private LocalFleetProgress.Snapshot pending;
    private long lastPrinted = Long.MIN_VALUE;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean terminal, LongSupplier nanoTime) {
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    /** Whether this process's stderr is a terminal (Linux: /proc/self/fd/2 is a tty or pts; else the console). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }

    synchronized void update(LocalFleetProgress.Snapshot snapshot) {
        if (snapshot.phase() == null || snapshot.equals(shown)) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (!snapshot.phase().equals(phase)) {
            enter(snapshot, now);
        }
        if (terminal || lastPrinted == Long.MIN_VALUE || now - lastPrinted >= LINE_INTERVAL_NANOS) {
            print(snapshot, now);
        } else {
            pending = snapshot;
        }
    }

    /** The last state, whatever the interval, and the end of the line on a terminal. */
    synchronized void finish(LocalFleetProgress.Snapshot last) {
        long now = nanoTime.getAsLong();
        if (last.phase() != null && !last.equals(shown)) {
            if (!last.phase().equals(phase)) {
                enter(last, now);
            }
            print(last, now);
        } else if (pending != null) {
            print(pending, now);
        }
        finishLine();
    }

    /** A new phase: the one before is shown as it ended, then the new one starts its own line and pace. */
    private void enter(LocalFleetProgress.Snapshot snapshot, long now) {
        LocalFleetProgress.Snapshot ended = snapshot.before() != null ? snapshot.before() : pending;
        if (ended != null && ended.phase() != null && !ended.equals(shown)) {
            print(ended, now);
        }
        finishLine();
        phase = snapshot.phase();
        phaseStarted = now;
    }

    private void print(LocalFleetProgress.Snapshot snapshot, long now) {
        String line = line(snapshot, now - phaseStarted);
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
            drawn = true;
        } else {
            err.println(line);
        }
        err.flush();
        shown = snapshot;
        pending = null;
        lastPrinted = now;
    }

    private void finishLine() {
        if (terminal && drawn) {
            err.println();
            err.flush();
        }
        drawn = false;
    }

    /** "offboard [#########---------] 12/36 users  DELETED 10, REFUSED 2  about 8 s left". */
    static String line(LocalFleetProgress.Snapshot snapshot, long elapsedNanos) {
        int total = snapshot.total();
        int done = snapshot.done();
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        StringBuilder line = new StringBuilder(String.format("%-8s [%s%s] %d/%d users", snapshot.phase(),
                "#".repeat(filled), "-".repeat(WIDTH - filled), done, total));
        List<String> counts = new ArrayList<>();
        for (Map.Entry<String, Integer> count : snapshot.byOutcome().entrySet()) {
            counts.add(count.getKey() + " " + count.getValue());
        }
        if (!counts.isEmpty()) {
            line.append("  ").append(String.join(", ", counts));
        }
        if (done > 0 && done < total && elapsedNanos > 0) {
            long left = Math.round(elapsedNanos / 1e9 / done * (total - done));
            line.append("  about ").append(left).append(" s left");
        }
        return line.toString();
    }
}
