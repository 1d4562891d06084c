package dev.offboarding.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.records.RecordStore;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The real offboard-user definition on the local engine, its tasks calling the real functions against a scenario's
 * simulator and keeping their records in one store, all on one logical clock: each execution starts where the last
 * one left the clock, every Wait and Retry takes its full logical time at once, and nothing really waits. Executions
 * run one after the other over the same world and the same store, as a second offboarding of the same user does.
 */
public final class RealWorkflow {
    public static final Path STATEMACHINE = Path.of(System.getProperty("basedir", ".")).resolve("../statemachine")
            .toAbsolutePath().normalize();
    static final String EXECUTION_PREFIX = "arn:aws:states:us-east-1:123456789012:execution:OffboardUser:";
    /** How long one execution may take (it takes about a second). */
    private static final Duration EXECUTION_BOUND = Duration.ofMinutes(2);
    /** The time between the end of one execution and the start of the next. */
    private static final Duration BETWEEN_EXECUTIONS = Duration.ofMinutes(5);

    final JsonNode scenario;
    final MutableClock clock;
    final IamSimulator iam;
    final RecordStore records;
    private final LocalFunctions functions;

    private RealWorkflow(JsonNode scenario, RecordStore records) {
        this.scenario = scenario;
        JsonNode world = scenario.path("world");
        this.clock = new MutableClock(Instant.parse(world.path("now").asText("2026-11-20T12:00:00Z")));
        this.iam = IamSimulator.fromWorld(world, clock)
                .visibilityLag(Duration.ofSeconds(scenario.path("simulator").path("visibilityLagSeconds").asLong(0)))
                .pageSize(scenario.path("simulator").path("pageSize").asInt(100));
        this.records = records;
        this.functions = new LocalFunctions(iam, clock, GuardSettings.defaults(),
                WorkflowRunner.VirtualTime.FUNCTIONS_DO_NOT_PAUSE, records);
    }

    /** A scenario of events/scenarios in a fresh simulator, its records kept in {@code records}. */
    static RealWorkflow scenario(String name, RecordStore records) {
        return new RealWorkflow(Scenario.read(Scenario.eventsDir().resolve("scenarios").resolve(name + ".json")),
                records);
    }

    /** A scenario of events/scenarios changed by {@code change} (its JSON, as an object), in a fresh simulator. */
    static RealWorkflow scenario(String name, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>
            change, RecordStore records) {
        JsonNode scenario = Scenario.read(Scenario.eventsDir().resolve("scenarios").resolve(name + ".json")).deepCopy();
        change.accept((com.fasterxml.jackson.databind.node.ObjectNode) scenario);
        return new RealWorkflow(scenario, records);
    }

    String userName() {
        return scenario.path("request").path("userName").asText();
    }

    String accountId() {
        return iam.accountId();
    }

    JsonNode request() {
        return scenario.path("request");
    }

    /** The scenario's request as a new execution named {@code name}, started now on the logical clock. */
    WorkflowResult offboard(String name) throws IOException, InterruptedException {
        return offboard(request(), name);
    }

    WorkflowResult offboard(JsonNode request, String name) throws IOException, InterruptedException {
        ensureEngineInstalled();
        Instant start = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        WorkflowRunner.Run run = new WorkflowRunner.Run(STATEMACHINE.resolve("offboard-user.asl.json"),
                substitutions(), Json.mapper().writeValueAsString(request), name, "OffboardUser", false, List.of(),
                new WorkflowRunner.VirtualTime(start, 1, clock::set));
        try {
            return new WorkflowRunner(STATEMACHINE, "node", EXECUTION_BOUND).run(run, functions, event -> { });
        } finally {
            clock.set(clock.instant().plus(BETWEEN_EXECUTIONS));
        }
    }

    /**
     * The real reinstate-user definition, started now on the logical clock as an execution named {@code name}, its
     * task calling the real reinstate-user over the same world and records.
     */
    WorkflowResult reinstate(JsonNode input, String name) throws IOException, InterruptedException {
        ensureEngineInstalled();
        Instant start = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        WorkflowRunner.Run run = new WorkflowRunner.Run(STATEMACHINE.resolve("reinstate-user.asl.json"),
                Map.of("ReinstateUserFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:"
                        + LocalFunctions.REINSTATE_USER), Json.mapper().writeValueAsString(input), name, "ReinstateUser",
                false, List.of(), new WorkflowRunner.VirtualTime(start, 1, clock::set));
        try {
            return new WorkflowRunner(STATEMACHINE, "node", EXECUTION_BOUND).run(run, functions, event -> { });
        } finally {
            clock.set(clock.instant().plus(BETWEEN_EXECUTIONS));
        }
    }

    /** Every line the functions logged, in order. */
    List<String> logLines() {
        return functions.logLines();
    }

    /** The keys of the user's records, in start order. */
    List<String> recordKeys() {
        return records.keys(RecordKeys.userPrefix(accountId(), userName()));
    }

    /** The record at {@code key}, as written. */
    JsonNode record(String key) {
        try {
            return Json.mapper().readTree(records.get(key).orElseThrow(() -> new AssertionError("no record " + key)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The definition's substitutions as the conformance suite gives them, every function served locally. */
    public static Map<String, String> substitutions() {
        Map<String, String> values = new TreeMap<>();
        Scenario.read(STATEMACHINE.resolve("test/substitutions.json")).fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    /**
     * The engine is installed by the statemachine module's build, which comes after this one: a build of this module
     * alone installs it as `offboard local` does.
     */
    static synchronized void ensureEngineInstalled() throws IOException, InterruptedException {
        if (Files.isDirectory(STATEMACHINE.resolve("node_modules/aws-local-stepfunctions"))) {
            return;
        }
        // Not inheritIO: npm (Node) would share the test JVM's stdin, the test runner's command channel, and set it
        // non-blocking, which breaks that channel ("std/in stream corrupted").
        Path log = Files.createTempFile("npm-ci-", ".log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(STATEMACHINE.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm ci in " + STATEMACHINE + " failed: the local engine is not installed: "
                    + Files.readString(log));
        }
        Files.deleteIfExists(log);
    }
}
