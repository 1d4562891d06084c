package dev.offboarding.fleet;

import static dev.offboarding.fleet.FleetRequests.TRIGGER;
import static dev.offboarding.fleet.FleetRequests.read;
import static dev.offboarding.fleet.FleetRequests.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A fleet run an event started (its request has a trigger) needs a person's approval and stays within the
 * deployment's blast radius: the event may not turn approval off, nor set the limits.
 */
class AFleetRequestFromAnEventKeepsTheLimitsAndTheApprovalUnitTest {
    private static final FleetDefaults DEFAULTS = new FleetDefaults(30, 15, 4, 3600);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"requireApproval\": false | requireApproval cannot be false",
            "\"maxUsersPerRun\": 10     | maxUsersPerRun cannot be set",
            "\"maxShareOfAccount\": 5   | maxShareOfAccount cannot be set"})
    void anEventCannotLoosenTheGuards(String field, String problem) {
        List<String> problems = refused("{\"unusedForDays\": 90, " + TRIGGER + ", " + field + "}");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(problem + ": a fleet run started by an event"), problems.get(0));
    }

    @Test
    void aPersonMaySetWhatAnEventMayNot() {
        read("{\"unusedForDays\": 90, \"requireApproval\": false, \"maxUsersPerRun\": 10, \"maxShareOfAccount\": 5}");
    }

    @Test
    void anEventMayAskForApprovalAndForLessConcurrency() {
        read("{\"unusedForDays\": 90, " + TRIGGER + ", \"requireApproval\": true, \"maxConcurrencyPerAccount\": 2}");
    }

    @Test
    void anEventsRequestIsNormalizedWithApprovalAndTheDeploymentsLimits() {
        FleetRequest normalized = read("{\"unusedForDays\": 90, " + TRIGGER + "}").normalized("event-e-1", DEFAULTS);
        assertEquals(Boolean.TRUE, normalized.requireApproval());
        assertEquals(30, normalized.maxUsersPerRun());
        assertEquals(15, normalized.maxShareOfAccount());
        assertEquals(List.of(), normalized.normalizedProblems("request"),
                "the limits the workflow filled in are not the event's");
    }

    @Test
    void aNormalizedEventRequestWithoutApprovalIsRefused() {
        FleetRequest normalized = read("{\"unusedForDays\": 90, " + TRIGGER + "}").normalized("event-e-1", DEFAULTS);
        FleetRequest tampered = new FleetRequest(normalized.run(), null, null, null, null, null, null, 90,
                true, null, null, null, false, 30, 15, 4, 3600, normalized.trigger());
        assertEquals(List.of("request.requireApproval cannot be false for a fleet run started by an event"),
                tampered.normalizedProblems("request"));
    }
}
