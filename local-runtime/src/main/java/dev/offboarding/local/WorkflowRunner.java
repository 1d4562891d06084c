package dev.offboarding.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import dev.offboarding.removetokens.Pause;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a state machine definition on the independent local engine (aws-local-stepfunctions, on Node.js) with its
 * Lambda tasks calling the real handlers in this JVM through Lambda's Invoke API: the engine's process gets
 * {@code AWS_ENDPOINT_URL_LAMBDA} set to a {@link LocalLambdaHost} on the loopback address.
 */
public final class WorkflowRunner {
    public static final int MINIMUM_NODE_MAJOR = 20;
    /** The variable that points the engine's Lambda client at the function host (the SDKs' standard one). */
    public static final String LAMBDA_ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_LAMBDA";

    private final Path statemachineDir;
    private final String node;
    private final Duration timeout;

    /**
     * @param statemachineDir the project's statemachine/ folder, with its Node dependencies installed (npm ci)
     * @param node            the Node.js command
     * @param timeout         how long one execution may take before it is stopped
     */
    public WorkflowRunner(Path statemachineDir, String node, Duration timeout) {
        this.statemachineDir = statemachineDir;
        this.node = node;
        this.timeout = timeout;
    }

    /**
     * Options of one run. {@code noWaits} makes every Wait and Retry pause 0, for paths whose timing is not tested;
     * {@code zeroWaits} names single Wait states to skip (a quarantine of days, in a local run); {@code virtualTime},
     * if not null, runs the execution on a logical clock instead of the real one.
     */
    public record Run(Path definition, Map<String, String> substitutions, String input, String executionName,
                      String stateMachineName, boolean noWaits, List<String> zeroWaits, VirtualTime virtualTime,
                      Services services) {
        public Run {
            zeroWaits = List.copyOf(zeroWaits);
            Objects.requireNonNull(services, "services");
        }

        /** A run of a definition that needs nothing beyond its functions. */
        public Run(Path definition, Map<String, String> substitutions, String input, String executionName,
                   String stateMachineName, boolean noWaits, List<String> zeroWaits, VirtualTime virtualTime) {
            this(definition, substitutions, input, executionName, stateMachineName, noWaits, zeroWaits, virtualTime,
                    Services.NONE);
        }

        /** The same run with what its definition reaches beyond its functions. */
        public Run with(Services services) {
            return new Run(definition, substitutions, input, executionName, stateMachineName, noWaits, zeroWaits,
                    virtualTime, services);
        }

        /** A run on the real clock: every Wait and Retry pause that is not skipped really waits. */
        public Run(Path definition, Map<String, String> substitutions, String input, String executionName,
                   String stateMachineName, boolean noWaits, List<String> zeroWaits) {
            this(definition, substitutions, input, executionName, stateMachineName, noWaits, zeroWaits, null);
        }
    }

    /**
     * An execution on a logical clock (statemachine/lib/virtual-time.js): it starts at {@code start}
     * ({@code $$.Execution.StartTime}); every Wait and Retry pause is taken in full, but on the logical clock and at
     * once; a Retry's FULL jitter is drawn from a generator seeded with {@code seed}; the clock stands still while a
     * function runs. Before each invocation {@code clock} is told the logical time (it comes in the Invoke's client
     * context): give it the clock the functions and the IAM simulator read, so that all of them share one clock. A
     * test of timing then asserts exact times and waits for nothing.
     */
    /**
     * What a definition reaches beyond its Lambda functions, as the local engine stands it in (statemachine/lib):
     * the state machines its states:startExecution Tasks start ({@code --state-machine NAME=FILE}), the folders
     * that stand in for the S3 buckets its ItemReader and ResultWriter name ({@code --bucket-directory}), the folder
     * its waitForTaskToken Tasks read their decisions from ({@code --callbacks}), and the file that remembers every
     * child execution name ever started ({@code --executions-registry}), so that a later run cannot start one again.
     */
    public record Services(Map<String, Path> stateMachines, Map<String, Path> bucketDirectories, Path callbacks,
                           Path executionsRegistry) {
        public static final Services NONE = new Services(Map.of(), Map.of(), null, null);

        public Services {
            stateMachines = Map.copyOf(stateMachines);
            bucketDirectories = Map.copyOf(bucketDirectories);
        }

        List<String> arguments() {
            List<String> arguments = new ArrayList<>();
            new java.util.TreeMap<>(stateMachines).forEach((name, file) ->
                    arguments.addAll(List.of("--state-machine", name + "=" + file)));
            new java.util.TreeMap<>(bucketDirectories).forEach((bucket, dir) ->
                    arguments.addAll(List.of("--bucket-directory", bucket + "=" + dir)));
            if (callbacks != null) {
                arguments.addAll(List.of("--callbacks", callbacks.toString()));
            }
            if (executionsRegistry != null) {
                arguments.addAll(List.of("--executions-registry", executionsRegistry.toString()));
            }
            return arguments;
        }
    }

    public record VirtualTime(Instant start, long seed, Consumer<Instant> clock) {
        /** The seeds the engine's generator takes: 0 to 2^32 - 1. */
        public static final long MAX_SEED = 0xffffffffL;
        /**
         * The functions' own pause (remove-tokens' retry within a call) in virtual time, where a function's run takes
         * no logical time: refused, since the next invocation would set the clock back over it.
         */
        public static final Pause FUNCTIONS_DO_NOT_PAUSE = duration -> {
            throw new IllegalStateException("a function paused " + duration + " in a run in virtual time, where a"
                    + " function's run takes no logical time");
        };

        public VirtualTime {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(clock, "clock");
            if (start.getNano() % 1_000_000 != 0) {
                throw new IllegalArgumentException("the engine's clock counts whole milliseconds: " + start);
            }
            if (seed < 0 || seed > MAX_SEED) {
                throw new IllegalArgumentException("the seed is a whole number from 0 to " + MAX_SEED + ": " + seed);
            }
        }
    }

    public WorkflowResult run(Run run, LocalFunctions functions, Consumer<WorkflowEvent> onEvent)
            throws IOException, InterruptedException {
        Path script = statemachineDir.resolve("lib/run-execution.js");
        if (!Files.isDirectory(statemachineDir.resolve("node_modules/aws-local-stepfunctions"))) {
            throw new LocalEngineException("the local Step Functions engine is not installed: run `npm ci` in "
                    + statemachineDir + " (it needs Node.js " + MINIMUM_NODE_MAJOR + " or newer and npm)");
        }
        Consumer<Instant> callersTime = run.virtualTime() == null ? time -> { } : run.virtualTime().clock();
        LocalLambdaHost.Invocations invocations = run.virtualTime() == null
                ? LocalLambdaHost.Invocations.CONCURRENTLY : LocalLambdaHost.Invocations.ONE_AT_A_TIME;
        try (LocalLambdaHost host = LocalLambdaHost.start(functions, 0, line -> { }, callersTime, invocations)) {
            List<String> command = new ArrayList<>(List.of(node, script.toString(),
                    "--definition", run.definition().toString(),
                    "--substitutions", Json.mapper().writeValueAsString(run.substitutions()),
                    "--name", run.executionName(), "--state-machine-name", run.stateMachineName()));
            if (run.noWaits()) {
                command.add("--no-waits");
            }
            for (String wait : run.zeroWaits()) {
                command.add("--zero-wait");
                command.add(wait);
            }
            if (run.virtualTime() != null) {
                command.addAll(List.of("--virtual-time", run.virtualTime().start().toString(),
                        "--seed", Long.toString(run.virtualTime().seed())));
            } else {
                // In real time the engine's clock reads the functions' (a scenario's world runs at its own "now"), so
                // that $$.Execution.StartTime and the records' times agree.
                long offset = Duration.between(Instant.now(), functions.clock().instant()).toMillis();
                if (offset != 0) {
                    command.add("--clock-offset-ms=" + offset);
                }
            }
            command.addAll(run.services().arguments());
            Process process = start(command, host.url().toString());
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(run.input().getBytes(StandardCharsets.UTF_8));
            }
            StringBuilder errors = new StringBuilder();
            Thread stderr = new Thread(() -> copy(process, errors), "local-engine-stderr");
            stderr.start();
            List<WorkflowEvent> events = new ArrayList<>();
            WorkflowResult result = null;
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    WorkflowEvent event = WorkflowEvent.of(Json.mapper().readTree(line));
                    // A child execution's lines are followed, not kept: a fleet run has hundreds of thousands.
                    if (event.execution() == null) {
                        events.add(event);
                    }
                    onEvent.accept(event);
                    result = ended(event, events).orElse(result);
                }
            }
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LocalEngineException("the local execution took longer than " + timeout + " and was stopped");
            }
            stderr.join();
            if (result == null) {
                throw new LocalEngineException("the local engine stopped without a result (exit " + process.exitValue()
                        + "): " + errors.toString().strip());
            }
            return result;
        }
    }

    private Process start(List<String> command, String lambdaEndpoint) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(statemachineDir.toFile());
        builder.environment().put(LAMBDA_ENDPOINT_VARIABLE, lambdaEndpoint);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new LocalEngineException("cannot start Node.js (`" + node + "`): install Node.js "
                    + MINIMUM_NODE_MAJOR + " or newer and put it on the PATH (" + e.getMessage() + ")");
        }
    }

    private static java.util.Optional<WorkflowResult> ended(WorkflowEvent event, List<WorkflowEvent> events) {
        JsonNode line = event.line();
        return switch (event.type()) {
            case "ExecutionSucceeded" -> java.util.Optional.of(
                    new WorkflowResult(true, line.get("output"), null, null, List.copyOf(events)));
            case "ExecutionFailed" -> java.util.Optional.of(new WorkflowResult(false, null, event.error(),
                    line.path("cause").asText(null), List.copyOf(events)));
            default -> java.util.Optional.empty();
        };
    }

    private static void copy(Process process, StringBuilder into) {
        try {
            into.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            into.append(e.getMessage());
        }
    }
}
