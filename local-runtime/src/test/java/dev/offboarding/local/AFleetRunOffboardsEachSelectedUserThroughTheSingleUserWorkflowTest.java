package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OffboardFleet definition on the local engine (its Distributed Maps, child executions and result files as
 * statemachine/lib provides them), the real functions over the simulator: the credential report nominates, and each
 * user still goes through the whole single-user workflow with its guards.
 */
class AFleetRunOffboardsEachSelectedUserThroughTheSingleUserWorkflowTest {
    private static final String WORLD = """
            {"accountId": "123456789012", "now": "2026-11-20T12:00:00Z",
             "caller": {"arn": "arn:aws:iam::123456789012:role/offboarding-operator"},
             "users": [
               {"userName": "stale_password", "createDate": "2025-01-01T00:00:00Z",
                "passwordLastUsed": "2025-06-01T00:00:00Z", "loginProfile": {"createDate": "2025-01-02T00:00:00Z"}},
               {"userName": "stale_key", "createDate": "2025-01-01T00:00:00Z",
                "accessKeys": [{"accessKeyId": "AKIAQSTALEKEY0000001", "status": "Active",
                  "createDate": "2025-01-02T00:00:00Z",
                  "lastUsed": {"date": "2025-05-01T00:00:00Z", "serviceName": "s3", "region": "eu-west-1"}}]},
               {"userName": "stale_but_protected", "createDate": "2025-01-01T00:00:00Z",
                "tags": [{"key": "offboarding:protected", "value": "break-glass"}],
                "accessKeys": [{"accessKeyId": "AKIAQPROTECTED000001", "status": "Active",
                  "createDate": "2025-01-02T00:00:00Z",
                  "lastUsed": {"date": "2025-05-01T00:00:00Z", "serviceName": "s3", "region": "eu-west-1"}}]},
               {"userName": "active_yesterday", "createDate": "2025-01-01T00:00:00Z",
                "accessKeys": [{"accessKeyId": "AKIAQACTIVE000000001", "status": "Active",
                  "createDate": "2025-01-02T00:00:00Z",
                  "lastUsed": {"date": "2026-11-19T10:00:00Z", "serviceName": "s3", "region": "eu-west-1"}}]}
             ]}
            """;

    @TempDir
    Path dir;
    private LocalFleet fleet;

    @BeforeEach
    void world() {
        fleet = new LocalFleet(dir, WORLD);
    }

    @Test
    void theStaleUsersAreDeletedAndAProtectedOneIsRefusedWhileTheOthersGoOn() throws Exception {
        WorkflowResult result = fleet.run("first", "{\"run\": \"stale-2026-11\", \"unusedForDays\": 90,"
                + " \"dryRun\": false, \"maxShareOfAccount\": 100, \"reason\": \"unused for 90 days\","
                + " \"requestedBy\": \"security\"}");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        JsonNode report = fleet.report();
        assertEquals("COMPLETED", report.path("outcome").asText());
        assertEquals(2, report.path("counts").path("byOutcome").path("DELETED").asInt(), report::toPrettyString);
        assertEquals(1, report.path("counts").path("byError").path("Offboarding.UserProtected").asInt(),
                report::toPrettyString);
        assertFalse(fleet.exists("stale_password"));
        assertFalse(fleet.exists("stale_key"));
        assertTrue(fleet.exists("stale_but_protected"));
        assertTrue(fleet.exists("active_yesterday"), "never selected: used yesterday");
    }

    @Test
    void aRunOverTheBlastRadiusIsRefusedAndChangesNothing() throws Exception {
        WorkflowResult result = fleet.run("over", "{\"unusedForDays\": 90, \"dryRun\": false, \"maxUsersPerRun\": 1,"
                + " \"maxShareOfAccount\": 100}");

        assertFalse(result.succeeded());
        assertEquals("Offboarding.BlastRadiusExceeded", result.error(), result.cause());
        assertEquals(List.of(), fleet.mutations());
        assertTrue(fleet.exists("stale_password") && fleet.exists("stale_key"));
    }

    @Test
    void aFleetDryRunPlansEachUserAndChangesNothing() throws Exception {
        WorkflowResult result = fleet.run("plan", "{\"unusedForDays\": 90, \"maxShareOfAccount\": 100}");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals("DRY_RUN", fleet.report().path("outcome").asText());
        assertEquals(List.of(), fleet.mutations());
        JsonNode plan = fleet.plan();
        assertEquals(2, plan.path("wouldOffboard").asInt(), plan::toPrettyString);
        assertEquals(1, plan.path("refused").asInt(), plan::toPrettyString);
    }

    /**
     * A repeated key never reaches the function by this path: Step Functions (and the local engine) parse the
     * execution input before ValidateFleetRequest reads $$.Execution.Input, keeping one of the values.
     */
    @Test
    void aFleetRequestWithoutASelectorOrWithANullIsRefusedBeforeAnyIamCall() throws Exception {
        for (String request : List.of("{\"dryRun\": false}", "{\"unusedForDays\": null, \"dryRun\": false}",
                "{\"unusedForDays\": \"90\", \"dryRun\": false}",
                "{\"users\": [\"a\"], \"maxUsersPerRun\": 1000000}")) {
            WorkflowResult result = fleet.run("bad-" + Math.abs(request.hashCode()), request);

            assertFalse(result.succeeded(), request);
            assertEquals("Offboarding.InvalidRequest", result.error(), request + ": " + result.cause());
        }
        assertEquals(List.of(), fleet.iam.calls().all());
    }
}
