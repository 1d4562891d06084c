package dev.offboarding.cli;

import dev.offboarding.local.LocalFunctions;
import dev.offboarding.local.WorkflowEvent;
import dev.offboarding.local.WorkflowResult;
import dev.offboarding.local.WorkflowRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One local execution with a time limit. The execution runs beside the command; if it is still going when the time
 * is up it is stopped: the functions' IAM client lets no further call through, the engine's Node.js process is
 * ended, the calls IAM had already been sent are waited for (so the command can say what they changed), and so is
 * the runner's own end (the engine gone and its function host closed).
 */
final class LocalRun {
    /** How long IAM may take to answer the calls already sent when the run is stopped. */
    static final Duration ANSWERS_BOUND = Duration.ofSeconds(30);
    /** How long the runner may take to end once its engine has been told to. */
    static final Duration END_BOUND = Duration.ofSeconds(15);

    /** How a run ended. */
    sealed interface End permits Finished, Stopped {
    }

    /** The execution ended on its own, in time. */
    record Finished(WorkflowResult result) implements End {
    }

    /**
     * The execution was stopped at its time limit, in {@code state} (the last state it entered, null before the
     * first). {@code unanswered}: changes sent to IAM whose answer did not come within {@link #ANSWERS_BOUND}.
     * {@code engineEnded}: the engine's process and the runner ended (if not, the closed IAM client still holds).
     */
    record Stopped(String state, List<IamGate.Change> unanswered, boolean engineEnded) implements End {
    }

    private LocalRun() {
    }

    static End run(WorkflowRunner runner, WorkflowRunner.Run run, LocalFunctions functions, IamGate gate,
                   Duration timeout, Consumer<WorkflowEvent> onEvent) throws IOException, InterruptedException {
        List<WorkflowEvent> seen = new CopyOnWriteArrayList<>();
        boolean[] stopping = {false};
        Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        FutureTask<WorkflowResult> execution = new FutureTask<>(() -> runner.run(run, functions, event -> {
            seen.add(event);
            synchronized (stopping) {
                if (!stopping[0]) {
                    onEvent.accept(event);
                }
            }
        }));
        Thread thread = new Thread(execution, "local-execution " + run.executionName());
        thread.setDaemon(true);
        thread.start();
        try {
            return new Finished(execution.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (TimeoutException timedOut) {
            synchronized (stopping) {
                stopping[0] = true;
            }
            return stop(execution, run.executionName(), before, gate, seen);
        } catch (InterruptedException e) {
            gate.close();
            endEngines(run.executionName(), before);
            throw e;
        } finally {
            gate.close();
        }
    }

    private static End stop(FutureTask<WorkflowResult> execution, String executionName, Set<Long> before,
                            IamGate gate, List<WorkflowEvent> seen) throws InterruptedException {
        gate.close();
        endEngines(executionName, before);
        List<IamGate.Change> unanswered = gate.awaitAnswers(ANSWERS_BOUND);
        // The runner ends once its engine has gone (its function host closed with it). An engine started just as
        // the time ran out is ended too, on the next sweep.
        long deadline = System.nanoTime() + END_BOUND.toNanos();
        while (!execution.isDone() && System.nanoTime() < deadline) {
            endEngines(executionName, before);
            try {
                execution.get(200, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // ended without a result (its engine was killed), or not yet
            }
        }
        boolean ended = execution.isDone() && endEngines(executionName, before);
        if (ended && gate.refused() == 0 && unanswered.isEmpty()) {
            try {
                // It finished by itself as the time ran out, before anything was held back: a normal end.
                return new Finished(execution.get());
            } catch (ExecutionException e) {
                // no result: it was stopped
            }
        }
        return new Stopped(lastState(seen), unanswered, ended);
    }

    /**
     * Ends this run's engine processes: the children of this process started with the run's execution name (or,
     * where the system does not say how a process was started, any child started since the run began). Returns
     * whether none is left.
     */
    private static boolean endEngines(String executionName, Set<Long> before) {
        List<ProcessHandle> engines = ProcessHandle.current().children()
                .filter(p -> !before.contains(p.pid()))
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(executionName)).orElse(true))
                .toList();
        for (ProcessHandle engine : engines) {
            engine.descendants().forEach(ProcessHandle::destroyForcibly);
            engine.destroyForcibly();
        }
        boolean allEnded = true;
        for (ProcessHandle engine : engines) {
            try {
                engine.onExit().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                allEnded = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return allEnded;
    }

    private static String lastState(List<WorkflowEvent> seen) {
        String state = null;
        for (WorkflowEvent event : seen) {
            if ("StateEntered".equals(event.type())) {
                state = event.state();
            }
        }
        return state;
    }

    private static RuntimeException rethrown(Throwable cause) throws IOException, InterruptedException {
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
