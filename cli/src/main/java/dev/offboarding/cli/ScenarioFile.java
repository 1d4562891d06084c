package dev.offboarding.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A scenario for a local run: the request, the IAM world the simulator starts from, how the simulator behaves, how
 * the engine runs, and the outcome or Error the run is expected to end in.
 *
 * <pre>
 * {"description": "...", "request": {"userName": ...}, "world": {...},
 *  "simulator": {"visibilityLagSeconds": 3, "pageSize": 100, "recreateAccessKeyOnDelete": false},
 *  "engine": {"noWaits": false, "zeroWaits": ["WaitForQuarantine"]},
 *  "expect": {"outcome": "DELETED"} | {"error": "Offboarding.UserProtected"}}
 * </pre>
 */
record ScenarioFile(Path file, String description, JsonNode request, JsonNode world, Instant now,
                    long visibilityLagSeconds, int pageSize, boolean recreateAccessKeyOnDelete,
                    boolean noWaits, List<String> zeroWaits, String expectedOutcome, String expectedError) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP = Set.of("description", "request", "world", "simulator", "engine", "expect");
    private static final Set<String> SIMULATOR = Set.of("visibilityLagSeconds", "pageSize", "recreateAccessKeyOnDelete");
    private static final Set<String> ENGINE = Set.of("noWaits", "zeroWaits");
    private static final Set<String> EXPECT = Set.of("outcome", "error");

    String userName() {
        return request.path("userName").asText();
    }

    String name() {
        String fileName = file.getFileName().toString();
        return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }

    static ScenarioFile load(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new CannotRunException("no scenario file " + file + ": see events/scenarios/ for the ones provided");
        } catch (JsonProcessingException e) {
            throw new CannotRunException("scenario file " + file + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new CannotRunException("cannot read scenario file " + file + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new CannotRunException("scenario file " + file + " must hold a JSON object");
        }
        unknownKeys(root, TOP, "", problems);
        JsonNode request = root.path("request");
        if (!request.isObject() || !request.path("userName").isTextual()) {
            problems.add("\"request\" must be an offboarding request with a \"userName\" string");
        }
        JsonNode world = root.path("world");
        if (!world.isObject()) {
            problems.add("\"world\" must be an object: the IAM world the simulator starts from (see iam-simulator/README.md)");
        }
        JsonNode simulator = root.path("simulator");
        unknownKeys(simulator, SIMULATOR, "simulator.", problems);
        JsonNode engine = root.path("engine");
        unknownKeys(engine, ENGINE, "engine.", problems);
        JsonNode expect = root.path("expect");
        unknownKeys(expect, EXPECT, "expect.", problems);
        Instant now = Instant.EPOCH;
        try {
            now = Instant.parse(world.path("now").asText("2026-11-20T12:00:00Z"));
        } catch (DateTimeParseException e) {
            problems.add("\"world.now\" must be an ISO-8601 timestamp such as \"2026-11-20T12:00:00Z\"");
        }
        List<String> zeroWaits = new ArrayList<>();
        engine.path("zeroWaits").forEach(n -> zeroWaits.add(n.asText()));
        if (!problems.isEmpty()) {
            throw new CannotRunException("scenario file " + file + " is malformed: " + String.join("; ", problems));
        }
        return new ScenarioFile(file, root.path("description").asText(""), request, world, now,
                simulator.path("visibilityLagSeconds").asLong(0), simulator.path("pageSize").asInt(100),
                simulator.path("recreateAccessKeyOnDelete").asBoolean(false), engine.path("noWaits").asBoolean(false),
                List.copyOf(zeroWaits), expect.path("outcome").asText(null), expect.path("error").asText(null));
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String prefix, List<String> problems) {
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                problems.add("unknown key \"" + prefix + key + "\" (known: " + String.join(", ", known) + ")");
            }
        });
    }
}
