package dev.offboarding.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.local.LocalFunctions;
import dev.offboarding.local.WorkflowResult;
import dev.offboarding.local.WorkflowRunner;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.records.RecordStore;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The real offboard-user definition on the local engine, its tasks calling the real Java handlers against a
 * simulator, all on one logical clock ({@link WorkflowRunner.VirtualTime}) that starts at the world's {@code now}:
 * waits, retries and the simulator's visibility lag take their full logical time, and nothing really waits.
 * record-outcome keeps the records in {@link #records} (in memory unless the world is given another store).
 */
final class RealFunctions {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path STATEMACHINE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path EVENTS = STATEMACHINE.resolve("../events").normalize();
    /** When an execution starts if its world does not say ({@code now}): the scenarios' time. */
    static final Instant DEFAULT_START = Instant.parse("2026-11-20T12:00:00Z");
    /** The seed of the engine's jitter for the runs whose timing is not under test. */
    static final long DEFAULT_SEED = 1;

    final Instant start;
    final MutableClock clock;
    final IamSimulator iam;
    final RecordStore records;
    private final LocalFunctions functions;

    private RealFunctions(JsonNode world, Duration visibilityLag, RecordStore records) {
        this.start = startOf(world);
        this.clock = new MutableClock(start);
        this.iam = IamSimulator.fromWorld(world, clock).visibilityLag(visibilityLag);
        this.records = records;
        this.functions = new LocalFunctions(iam, clock, GuardSettings.defaults(),
                WorkflowRunner.VirtualTime.FUNCTIONS_DO_NOT_PAUSE, records);
    }

    /** The world's {@code now}, or {@link #DEFAULT_START}. */
    static Instant startOf(JsonNode world) {
        return world.hasNonNull("now") ? Instant.parse(world.get("now").asText()) : DEFAULT_START;
    }

    /** A scenario's world, with its visibility lag. */
    static RealFunctions scenario(String name) {
        return scenario(name, new MemoryRecordStore());
    }

    /** The same, its offboarding records kept in {@code records}. */
    static RealFunctions scenario(String name, RecordStore records) {
        JsonNode scenario = read(EVENTS.resolve("scenarios/" + name + ".json"));
        return new RealFunctions(scenario.path("world"),
                Duration.ofSeconds(scenario.path("simulator").path("visibilityLagSeconds").asLong(0)), records);
    }

    static RealFunctions world(String worldJson) {
        return world(worldJson, new MemoryRecordStore());
    }

    /** A world whose offboarding records are kept in {@code records}. */
    static RealFunctions world(String worldJson, RecordStore records) {
        try {
            return new RealFunctions(JSON.readTree(worldJson), Duration.ZERO, records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode request(String scenario) {
        return read(EVENTS.resolve("scenarios/" + scenario + ".json")).path("request");
    }

    WorkflowResult offboard(JsonNode request, boolean noWaits) throws IOException, InterruptedException {
        return offboard(request, noWaits, "conformance-" + System.nanoTime());
    }

    /** One execution named {@code executionName} with {@code request} as its input, whatever JSON it is. */
    WorkflowResult offboard(JsonNode request, boolean noWaits, String executionName)
            throws IOException, InterruptedException {
        return offboard(request, noWaits, executionName, DEFAULT_SEED);
    }

    /** The same, the engine's FULL jitter drawn from {@code seed}. */
    WorkflowResult offboard(JsonNode request, boolean noWaits, String executionName, long seed)
            throws IOException, InterruptedException {
        return offboardStartingAt(start, request, noWaits, executionName, seed);
    }

    /**
     * One execution that starts at {@code startedAt} ($$.Execution.StartTime; whole milliseconds), on the same logical
     * clock: a later run of the same world.
     */
    WorkflowResult offboardStartingAt(Instant startedAt, JsonNode request, boolean noWaits, String executionName, long seed)
            throws IOException, InterruptedException {
        WorkflowRunner runner = new WorkflowRunner(STATEMACHINE, "node", Duration.ofMinutes(5));
        WorkflowRunner.Run run = new WorkflowRunner.Run(STATEMACHINE.resolve("offboard-user.asl.json"),
                substitutions(), JSON.writeValueAsString(request), executionName, "OffboardUser", noWaits, List.of(),
                new WorkflowRunner.VirtualTime(startedAt, seed, clock::set));
        return runner.run(run, functions, event -> { });
    }

    /**
     * The suite's DefinitionSubstitutions, with each function ARN naming the function the local host serves: the
     * same file the mocked layer uses, so both layers run the same definition text.
     */
    static Map<String, String> substitutions() {
        Map<String, String> values = new TreeMap<>();
        read(STATEMACHINE.resolve("test/substitutions.json")).fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record of one execution, as the store holds it. */
    JsonNode record(String key) {
        try {
            return JSON.readTree(records.get(key).orElseThrow(() -> new AssertionError("no record " + key + " in "
                    + records.keys(""))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
