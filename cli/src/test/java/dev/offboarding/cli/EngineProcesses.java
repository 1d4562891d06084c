package dev.offboarding.cli;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The local engine's Node processes that this JVM started and that are still running. */
final class EngineProcesses {
    private EngineProcesses() {
    }

    static List<ProcessHandle> running() {
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> Arrays.stream(args)
                        .anyMatch(a -> a.endsWith("run-execution.js"))).orElse(false))
                .toList();
    }

    /** Blocks until every running engine process has exited (at most {@code seconds} each). */
    static void awaitExit(long seconds) {
        for (ProcessHandle engine : running()) {
            try {
                engine.onExit().get(seconds, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the engine process " + engine.pid() + " did not end", e);
            }
        }
    }
}
