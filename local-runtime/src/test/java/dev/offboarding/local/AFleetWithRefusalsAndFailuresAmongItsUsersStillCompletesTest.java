package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One user's refusal or failure does not stop the others: the account's Distributed Map tolerates every failed item,
 * each user is reported with its own outcome and error, and the fleet run completes.
 */
class AFleetWithRefusalsAndFailuresAmongItsUsersStillCompletesTest {
    private static final String STALE_KEY = """
            "accessKeys": [{"accessKeyId": "%s", "status": "Active", "createDate": "2025-01-02T00:00:00Z",
              "lastUsed": {"date": "2025-05-01T00:00:00Z", "serviceName": "s3", "region": "eu-west-1"}}]""";
    private static final String WORLD = """
            {"accountId": "123456789012", "now": "2026-11-20T12:00:00Z",
             "caller": {"arn": "arn:aws:iam::123456789012:role/offboarding-operator"},
             "users": [
               {"userName": "stale_a", "createDate": "2025-01-01T00:00:00Z", %s},
               {"userName": "stale_b", "createDate": "2025-01-01T00:00:00Z", %s},
               {"userName": "stale_c", "createDate": "2025-01-01T00:00:00Z", %s},
               {"userName": "stale_but_protected", "createDate": "2025-01-01T00:00:00Z",
                "tags": [{"key": "offboarding:protected", "value": "break-glass"}], %s}
             ]}
            """.formatted(STALE_KEY.formatted("AKIAQSTALEA000000001"), STALE_KEY.formatted("AKIAQSTALEB000000001"),
            STALE_KEY.formatted("AKIAQSTALEC000000001"), STALE_KEY.formatted("AKIAQPROTECTED000001"));

    @TempDir
    Path dir;

    @Test
    void eachUserIsCountedByItsOwnOutcomeAndTheRunCompletes() throws Exception {
        LocalFleet fleet = new LocalFleet(dir, WORLD);
        // The first DeleteUser of the run is refused, as a service control policy refuses it: that user's child fails.
        fleet.iam.faults().deny("DeleteUser", 1);

        WorkflowResult result = fleet.run("mixed", "{\"run\": \"stale-2026-11\", \"unusedForDays\": 90,"
                + " \"dryRun\": false, \"maxShareOfAccount\": 100}");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        JsonNode report = fleet.report();
        assertEquals("COMPLETED", report.path("outcome").asText(), report::toPrettyString);
        JsonNode byOutcome = report.path("counts").path("byOutcome");
        assertEquals(2, byOutcome.path("DELETED").asInt(), report::toPrettyString);
        assertEquals(1, byOutcome.path("REFUSED").asInt(), report::toPrettyString);
        assertEquals(1, byOutcome.path("FAILED").asInt(), report::toPrettyString);
        assertEquals(1, report.path("counts").path("byError").path("Offboarding.UserProtected").asInt(),
                report::toPrettyString);

        Map<String, JsonNode> users = LocalFleet.usersOf(report);
        assertEquals("REFUSED", users.get("stale_but_protected").path("outcome").asText());
        assertTrue(fleet.exists("stale_but_protected"));
        List<String> failed = users.values().stream().filter(u -> "FAILED".equals(u.path("outcome").asText()))
                .map(u -> u.path("userName").asText()).toList();
        assertEquals(1, failed.size(), failed::toString);
        JsonNode failure = users.get(failed.get(0));
        assertEquals(1, report.path("counts").path("byError").path(failure.path("error").asText()).asInt(),
                report::toPrettyString);
        assertTrue(fleet.exists(failed.get(0)), "its deletion was refused");
        for (String user : List.of("stale_a", "stale_b", "stale_c")) {
            if (!user.equals(failed.get(0))) {
                assertEquals("DELETED", users.get(user).path("outcome").asText(), users.get(user)::toString);
                assertFalse(fleet.exists(user));
            }
        }
    }
}
