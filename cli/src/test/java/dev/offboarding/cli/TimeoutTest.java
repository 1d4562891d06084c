package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * `offboard local --timeout SECONDS` on the simulator: a run that outlasts its timeout is stopped while it is in
 * progress (the engine ended, no IAM call afterwards), exits 3, and says what it had already changed.
 */
class TimeoutTest {

    @Test
    void aRunThatOutlastsItsTimeoutIsStoppedAndSaysWhatItHadAlreadyChanged() {
        LocalCommand local = new LocalCommand();

        // A 30 s visibility lag keeps DeleteUser in DeleteConflict for 30 s after the removals: far beyond 2 s.
        CommandRun run = CommandRun.of(local, new StartCommand(), "local", "--lag", "30", "--timeout", "2");

        IamSimulator iam = local.simulator;
        List<Call> atReturn = iam.calls().all();
        String printed = run.out() + run.err();
        assertEquals(ExitCode.CANNOT_RUN, run.exitCode(), printed);
        assertTrue(printed.contains("Timed out after 2 s"), printed);
        assertTrue(iam.userExists("little_tester"), "30 s of lag: the user cannot have been deleted yet");
        assertTrue(printed.contains("little_tester still exists"), printed);
        assertFalse(printed.contains("Failed"), "a stopped run is not reported as a failed one: " + printed);
        List<Call> changes = iam.calls().mutating().stream().filter(c -> c.outcome().equals("OK")).toList();
        for (Call change : changes) {
            assertTrue(printed.lines().anyMatch(line -> mentions(line, change)),
                    "the output names " + change + ":\n" + printed);
        }
        if (changes.isEmpty()) {
            assertTrue(printed.contains("Nothing was changed in IAM"), printed);
        }
        // Stopped, not abandoned: the engine's process has ended and IAM hears nothing more from this run.
        assertEquals(List.of(), EngineProcesses.running());
        assertEquals(atReturn, iam.calls().all());
    }

    /** Whether an output line names the call: its operation and each identifier of its target. */
    static boolean mentions(String line, Call call) {
        return line.contains(call.operation() + " ")
                && Arrays.stream(call.target().split("/")).allMatch(line::contains);
    }
}
