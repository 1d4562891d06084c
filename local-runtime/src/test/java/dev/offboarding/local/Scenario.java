package dev.offboarding.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A scenario from events/scenarios loaded into a fresh simulator on a manual clock, with the real functions wired
 * to it. Pauses inside a function advance the same clock, so nothing really sleeps.
 */
final class Scenario {
    static final ObjectMapper JSON = new ObjectMapper();

    final JsonNode file;
    final MutableClock clock;
    final IamSimulator iam;
    final LocalFunctions functions;

    private Scenario(JsonNode file, JsonNode world, JsonNode settings) {
        this.file = file;
        this.clock = new MutableClock(Instant.parse(world.path("now").asText("2026-11-20T12:00:00Z")));
        this.iam = IamSimulator.fromWorld(world, clock)
                .visibilityLag(Duration.ofSeconds(settings.path("visibilityLagSeconds").asLong(0)))
                .pageSize(settings.path("pageSize").asInt(100));
        this.functions = new LocalFunctions(iam, clock, GuardSettings.defaults(), clock::advance);
    }

    static Scenario load(String name) {
        JsonNode file = read(eventsDir().resolve("scenarios").resolve(name + ".json"));
        return new Scenario(file, file.path("world"), file.path("simulator"));
    }

    /** A world of one user built in the test, on the default clock. */
    static Scenario ofWorld(String worldJson) {
        try {
            JsonNode world = JSON.readTree(worldJson);
            return new Scenario(JSON.createObjectNode(), world, JSON.createObjectNode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path eventsDir() {
        return Path.of(System.getProperty("basedir", ".")).resolve("../events").normalize();
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String userName() {
        return file.path("request").path("userName").asText();
    }

    Invocation listTokens(String user) {
        return functions.invoke(LocalFunctions.LIST_TOKENS, "{\"userName\":\"" + user + "\"}");
    }

    Invocation removeTokens(String inventoryJson, String mode, boolean dryRun) {
        return removeTokens(inventoryJson, mode, dryRun, null);
    }

    /** As the workflow calls it: {@code execution} is the workflow execution's id, or null for a direct call. */
    Invocation removeTokens(String inventoryJson, String mode, boolean dryRun, String execution) {
        ObjectNode request = JSON.createObjectNode();
        try {
            request.set("inventory", JSON.readTree(inventoryJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        request.put("mode", mode).put("dryRun", dryRun);
        if (execution != null) {
            request.put("execution", execution);
        }
        return functions.invoke(LocalFunctions.REMOVE_TOKENS, request.toString());
    }

    Invocation deleteUser(String user, int attempt) {
        return functions.invoke(LocalFunctions.DELETE_USER,
                "{\"userName\":\"" + user + "\",\"attempt\":" + attempt + "}");
    }

    /** The inventory of a list-tokens answer ({@code {"inventory": ..., "decision": ...}}). */
    static JsonNode inventory(Invocation listTokens) {
        return json(listTokens).get("inventory");
    }

    static JsonNode json(Invocation invocation) {
        if (invocation.failed()) {
            throw new AssertionError("expected success, got " + invocation.errorType() + ": " + invocation.errorMessage());
        }
        try {
            return JSON.readTree(invocation.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
