package dev.offboarding.fleet;

import static dev.offboarding.fleet.FleetRequests.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.errors.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The defaults are filled in once, at the start: a dry run, no approval for a person's run, the deployment's limits. */
class NormalizingAFleetRequestFillsTheDefaultsUnitTest {
    private static final FleetDefaults DEFAULTS = new FleetDefaults(30, 15, 4, 3600);

    @Test
    void aRequestThatSaysNothingElseIsADryRunWithTheDeploymentsLimits() {
        FleetRequest normalized = read("{\"pathPrefix\": \"/contractors/\"}").normalized("fleet-2026-12", DEFAULTS);
        assertEquals("fleet-2026-12", normalized.run());
        assertEquals(Boolean.TRUE, normalized.dryRun());
        assertEquals(Boolean.FALSE, normalized.requireApproval());
        assertEquals(30, normalized.maxUsersPerRun());
        assertEquals(15, normalized.maxShareOfAccount());
        assertEquals(4, normalized.maxConcurrencyPerAccount());
        assertEquals(3600, normalized.approvalTimeoutSeconds());
        assertEquals("/contractors/", normalized.pathPrefix());
        assertEquals(null, normalized.quarantineDays(), "each child workflow fills in the deployment's quarantine");
        assertEquals(List.of(), normalized.normalizedProblems("request"));
    }

    @Test
    void whatTheRequestSaysIsKept() {
        FleetRequest normalized = read("{\"run\": \"leavers\", \"users\": [\"alice\"], \"dryRun\": false,"
                + " \"requireApproval\": true, \"maxUsersPerRun\": 3, \"maxShareOfAccount\": 50,"
                + " \"maxConcurrencyPerAccount\": 1, \"approvalTimeoutSeconds\": 600, \"quarantineDays\": 7}")
                .normalized("fleet-2026-12", DEFAULTS);
        assertEquals(new FleetRequest("leavers", null, null, List.of("alice"), null, null, null, null, false, 7, null,
                null, true, 3, 50, 1, 600, null), normalized);
    }

    @Test
    void aNormalizedRequestReadsBackAsItWasWritten() throws Exception {
        FleetRequest normalized = read("{\"usersFrom\": {\"bucket\": \"lists\", \"key\": \"leavers.csv\"},"
                + " \"tags\": [{\"key\": \"team\", \"value\": \"payments\"}], \"accounts\": [\"111111111111\"],"
                + FleetRequests.TRIGGER + "}").normalized("event-e-1", DEFAULTS);
        for (var mapper : List.of(dev.offboarding.json.Json.mapper(), dev.offboarding.json.Json.omittingNulls())) {
            // Read as a later step reads it: strictly, then checked as a normalized request (an event's limits
            // are the deployment's now, which a caller's request may not set).
            FleetRequest again = dev.offboarding.json.Json.mapper().treeToValue(mapper.valueToTree(normalized),
                    FleetRequest.class);
            assertEquals(normalized, again);
            assertEquals(List.of(), again.normalizedProblems("request"));
        }
    }

    @Test
    void theRunIsNamedAfterTheFleetExecutionInTheCharactersARunMayHave() {
        assertEquals("a2345678901234567890123456789012345678-x",
                FleetRequest.runNamedAfter("a2345678901234567890123456789012345678.x-and-more"));
        assertEquals("nightly-sweep", FleetRequest.runNamedAfter("nightly-sweep"));
    }

    @Test
    void anInvalidRequestIsNotNormalized() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> new FleetRequest(null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null).normalized("x", DEFAULTS));
        assertTrue(refused.problems().get(0).startsWith("the request selects no users"), refused.getMessage());
    }

    @Test
    void aRequestThatWasNotNormalizedIsNotTakenForOne() {
        List<String> problems = read("{\"users\": [\"alice\"]}").normalizedProblems("request");
        assertEquals(7, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("request.run is missing: the workflow's ValidateFleetRequest step"),
                problems.get(0));
    }
}
