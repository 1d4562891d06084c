package dev.offboarding.local;

import dev.offboarding.simulator.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * Step Functions' StartExecution for code that starts a workflow (start-offboarding): the named state machine's real
 * definition runs on the local engine, in the background, with the real functions, on the logical clock from the
 * world's time now; a name is started once (ExecutionAlreadyExists after). Nothing else of the API is answered.
 */
public final class LocalStepFunctions implements SfnClient {
    private static final Duration EXECUTION_BOUND = Duration.ofMinutes(2);

    private final Map<String, Path> definitions;
    private final LocalFunctions functions;
    private final MutableClock clock;
    private final ExecutorService engine = Executors.newSingleThreadExecutor();
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final List<Future<WorkflowResult>> started = new CopyOnWriteArrayList<>();

    /** @param definitions the definition file of each state machine, by name (e.g. "OffboardUser") */
    public LocalStepFunctions(Map<String, Path> definitions, LocalFunctions functions, MutableClock clock) {
        this.definitions = Map.copyOf(definitions);
        this.functions = functions;
        this.clock = clock;
    }

    @Override
    public StartExecutionResponse startExecution(StartExecutionRequest request) {
        String machine = request.stateMachineArn().substring(request.stateMachineArn().lastIndexOf(':') + 1);
        Path definition = definitions.get(machine);
        if (definition == null) {
            throw StateMachineDoesNotExistException.builder().message("State Machine Does Not Exist: '"
                    + request.stateMachineArn() + "'").statusCode(400).build();
        }
        String executionArn = request.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + request.name();
        if (!names.add(machine + ":" + request.name())) {
            throw ExecutionAlreadyExistsException.builder().message("Execution Already Exists: '" + executionArn + "'")
                    .statusCode(400).build();
        }
        WorkflowRunner.Run run = new WorkflowRunner.Run(definition, RealWorkflow.substitutions(), request.input(),
                request.name(), machine, false, List.of(),
                new WorkflowRunner.VirtualTime(clock.instant().truncatedTo(ChronoUnit.MILLIS), 1, clock::set));
        started.add(engine.submit(() -> new WorkflowRunner(RealWorkflow.STATEMACHINE, "node", EXECUTION_BOUND)
                .run(run, functions, event -> { })));
        return StartExecutionResponse.builder().executionArn(executionArn).startDate(clock.instant()).build();
    }

    /** How many executions were started. */
    public int started() {
        return started.size();
    }

    /**
     * The end of the only execution started: its result, or what stopped it (e.g. a {@link LocalEngineException}
     * when its engine was killed), thrown.
     */
    public WorkflowResult onlyExecution() throws Exception {
        if (started.size() != 1) {
            throw new IllegalStateException(started.size() + " executions were started, not one");
        }
        try {
            return started.get(0).get(EXECUTION_BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the execution did not end within " + EXECUTION_BOUND, e);
        }
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        engine.shutdownNow();
    }
}
