package dev.offboarding.reinstateuser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A refused or failed reinstate names in its record the Error the ReinstateUser execution fails with: the definition's
 * Fail state for each exception it catches is the name {@link ReinstateErrors} gives that exception.
 */
class TheWorkflowFailsWithTheErrorTheRecordNamesTest {
    private static final Path DEFINITION = Path.of(System.getProperty("basedir", "."))
            .resolve("../../statemachine/reinstate-user.asl.json").toAbsolutePath().normalize();

    @Test
    void eachCaughtExceptionEndsInTheFailStateOfItsName() throws IOException {
        JsonNode states = Json.mapper().readTree(DEFINITION.toFile()).path("States");
        Map<String, String> ended = new TreeMap<>();
        for (JsonNode caught : states.path("ReinstateUser").path("Catch")) {
            JsonNode explain = states.path(caught.path("Next").asText());
            ended.put(caught.path("ErrorEquals").get(0).asText(), states.path(explain.path("Next").asText())
                    .path("Error").asText());
        }
        Map<String, String> named = new TreeMap<>();
        ReinstateErrors.NAMES.forEach((type, name) -> named.put(type.getName(), name));

        assertEquals(named, ended);
    }
}
