package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.fleetrun.FleetRunHandler;
import dev.offboarding.fleetrun.FleetSettings;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.records.MemoryRecordStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The documented fleet-run output is what the function answers to the documented VALIDATE input, in a stack deployed
 * with the template's defaults (HOME_ACCOUNT_ID the stack's account, the limits' parameters unset): VALIDATE calls no
 * AWS API for a request that lists no organization, so its real answer is computed here, by the handler as Lambda
 * runs it (stream in, stream out).
 */
class FleetRunExampleIsItsRealAnswerTest {
    static final String INPUT = "fleet-run.json";
    static final String OUTPUT = "fleet-run-output.json";

    @Test
    void theOutputExampleIsWhatFleetRunAnswersToTheValidateExample() throws IOException {
        JsonNode answer = answer(INPUT);
        JsonNode documented = Json.mapper().readTree(Repository.EVENTS.resolve(OUTPUT).toFile());

        assertEquals(documented, answer, "events/" + OUTPUT + " is not what fleet-run answers to events/" + INPUT
                + "; it answers:\n" + Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(answer));
    }

    private static JsonNode answer(String input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FleetSettings settings = FleetSettings.fromEnvironment(Map.of("HOME_ACCOUNT_ID", Stack.ACCOUNT_ID));
        try (InputStream in = Files.newInputStream(Repository.EVENTS.resolve(input))) {
            new FleetRunHandler(new MemoryRecordStore(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), settings,
                    List::of).handleRequest(in, out, new LocalContext("fleet-run"));
        }
        return Json.mapper().readTree(out.toByteArray());
    }
}
