package dev.offboarding.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.local.LocalFunctions;
import dev.offboarding.local.WorkflowResult;
import dev.offboarding.local.WorkflowRunner;
import dev.offboarding.removetokens.Pause;
import dev.offboarding.simulator.IamSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The real offboard-user definition on the local engine, its tasks calling the real Java handlers against a
 * simulator on the real clock, so that waits, retries and the simulator's visibility lag happen in real time.
 */
final class RealFunctions {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path STATEMACHINE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path EVENTS = STATEMACHINE.resolve("../events").normalize();

    final IamSimulator iam;
    private final LocalFunctions functions;

    private RealFunctions(IamSimulator iam) {
        this.iam = iam;
        this.functions = new LocalFunctions(iam, Clock.systemUTC(), GuardSettings.defaults(), Pause.REAL);
    }

    /** A scenario's world on the real clock, with its visibility lag. */
    static RealFunctions scenario(String name) {
        JsonNode scenario = read(EVENTS.resolve("scenarios/" + name + ".json"));
        IamSimulator iam = IamSimulator.fromWorld(scenario.path("world"), Clock.systemUTC())
                .visibilityLag(Duration.ofSeconds(scenario.path("simulator").path("visibilityLagSeconds").asLong(0)));
        return new RealFunctions(iam);
    }

    static RealFunctions world(String worldJson) {
        try {
            return new RealFunctions(IamSimulator.fromWorld(JSON.readTree(worldJson), Clock.systemUTC()));
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
        WorkflowRunner runner = new WorkflowRunner(STATEMACHINE, "node", Duration.ofMinutes(5));
        WorkflowRunner.Run run = new WorkflowRunner.Run(STATEMACHINE.resolve("offboard-user.asl.json"),
                substitutions(), JSON.writeValueAsString(request), executionName, "OffboardUser", noWaits,
                java.util.List.of());
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

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
