package dev.offboarding.deployment;

import dev.offboarding.fleetrun.FleetRunHandler;
import dev.offboarding.fleetrun.FleetSettings;
import dev.offboarding.records.MemoryRecordStore;
import java.io.IOException;
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
        FleetSettings settings = FleetSettings.fromEnvironment(Map.of("HOME_ACCOUNT_ID", Stack.ACCOUNT_ID));
        ExampleAnswers.assertAnswers(new FleetRunHandler(new MemoryRecordStore(),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), settings, List::of), "fleet-run", INPUT, OUTPUT);
    }
}
