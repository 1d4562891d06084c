package dev.offboarding.local;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The local engine's Node process of the execution running now, started by this JVM's {@link WorkflowRunner}. */
public final class EngineProcess {
    private EngineProcess() {
    }

    /**
     * Kills the running execution's engine at once (SIGKILL) and returns once it is gone: the execution takes no
     * further step, as when Step Functions loses it. Exactly one engine must be running.
     */
    public static void kill() {
        List<ProcessHandle> engines = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> Arrays.stream(args)
                        .anyMatch(arg -> arg.endsWith("run-execution.js"))).orElse(false))
                .toList();
        if (engines.size() != 1) {
            throw new IllegalStateException("expected one running engine process, found " + engines.size());
        }
        ProcessHandle engine = engines.get(0);
        engine.destroyForcibly();
        try {
            engine.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the engine process " + engine.pid() + " did not end", e);
        }
    }
}
