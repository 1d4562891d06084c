package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet run with {@code requireApproval} plans, then waits in AwaitApproval (sns:publish.waitForTaskToken) with
 * nothing changed in IAM, for the decision offboard approve or offboard reject sends with the task token:
 * SendTaskSuccess {"decision": "APPROVED", "by", "at"} lets it offboard; SendTaskFailure Offboarding.Rejected ends
 * it as Offboarding.FleetRejected with nobody offboarded. The report names who decided.
 */
class AFleetRunThatRequiresApprovalWaitsForAPersonsDecisionTest {
    static final String WORLD = """
            {"accountId": "123456789012", "now": "2026-11-20T12:00:00Z",
             "caller": {"arn": "arn:aws:iam::123456789012:role/offboarding-operator"},
             "users": [
               {"userName": "stale_password", "createDate": "2025-01-01T00:00:00Z",
                "passwordLastUsed": "2025-06-01T00:00:00Z", "loginProfile": {"createDate": "2025-01-02T00:00:00Z"}},
               {"userName": "stale_key", "createDate": "2025-01-01T00:00:00Z",
                "accessKeys": [{"accessKeyId": "AKIAQSTALEKEY0000001", "status": "Active",
                  "createDate": "2025-01-02T00:00:00Z",
                  "lastUsed": {"date": "2025-05-01T00:00:00Z", "serviceName": "s3", "region": "eu-west-1"}}]},
               {"userName": "active_yesterday", "createDate": "2025-01-01T00:00:00Z",
                "accessKeys": [{"accessKeyId": "AKIAQACTIVE000000001", "status": "Active",
                  "createDate": "2025-01-02T00:00:00Z",
                  "lastUsed": {"date": "2026-11-19T10:00:00Z", "serviceName": "s3", "region": "eu-west-1"}}]}
             ]}
            """;
    static final String REQUEST = "{\"run\": \"stale-2026-11\", \"unusedForDays\": 90, \"dryRun\": false,"
            + " \"requireApproval\": true, \"maxShareOfAccount\": 100, \"reason\": \"unused for 90 days\"}";
    static final String APPROVER = "arn:aws:sts::123456789012:assumed-role/Approvers/jane";
    static final Instant DECIDED_AT = Instant.parse("2026-11-20T12:30:00Z");

    @TempDir
    java.nio.file.Path dir;
    private LocalFleet fleet;
    /** What IAM had been asked to change when the run asked for a decision. */
    private final List<List<String>> changedWhileWaiting = new ArrayList<>();

    @BeforeEach
    void world() {
        fleet = new LocalFleet(dir, WORLD);
    }

    private LocalFleet.Decision whileWaiting(LocalFleet.Decision decision) {
        changedWhileWaiting.add(fleet.mutations());
        return decision;
    }

    @Test
    void anApprovedPlanIsOffboardedAfterTheDecisionAndTheReportNamesWhoApproved() throws Exception {
        WorkflowResult result = fleet.run("approved", REQUEST,
                issued -> whileWaiting(LocalFleet.Decision.approvedBy(APPROVER, DECIDED_AT)));

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals(List.of(List.of()), changedWhileWaiting, "one decision asked for, with nothing changed before it");
        JsonNode report = fleet.report();
        assertEquals("COMPLETED", report.path("outcome").asText(), report::toPrettyString);
        assertEquals("APPROVED", report.path("approval").path("decision").asText(), report::toPrettyString);
        assertEquals(APPROVER, report.path("approval").path("by").asText());
        assertEquals(DECIDED_AT.toString(), report.path("approval").path("at").asText());
        assertEquals(2, report.path("counts").path("byOutcome").path("DELETED").asInt(), report::toPrettyString);
        assertFalse(fleet.exists("stale_password") || fleet.exists("stale_key"));
        assertTrue(fleet.exists("active_yesterday"));
    }

    /** On the logical clock: the wait is taken in full and at once. approvalTimeoutSeconds is at least 60. */
    @Test
    void noDecisionWithinTheApprovalTimeoutEndsTheRunAsRejectedWithNobodyOffboarded() throws Exception {
        String request = REQUEST.replace("}", ", \"approvalTimeoutSeconds\": 60}");

        WorkflowResult result = fleet.runInVirtualTime("timed-out", request, issued -> whileWaiting(
                LocalFleet.Decision.approvedBy(APPROVER, DECIDED_AT).sentAt(Instant.parse(issued.at()).plusSeconds(61))));

        assertFalse(result.succeeded());
        assertEquals("Offboarding.FleetRejected", result.error(), result.cause());
        assertEquals("The plan was not approved: no decision within 60 s. Nobody was offboarded.", result.cause());
        assertEquals(List.of(List.of()), changedWhileWaiting);
        assertEquals(List.of(), fleet.mutations(), "the approval that came after the timeout offboarded nobody");
        JsonNode report = fleet.report();
        assertEquals("REJECTED", report.path("outcome").asText(), report::toPrettyString);
        assertTrue(report.path("approval").isNull(), report::toPrettyString);
        assertTrue(fleet.exists("stale_password") && fleet.exists("stale_key"));
    }

    @Test
    void anApprovalJustBeforeTheTimeoutIsTaken() throws Exception {
        String request = REQUEST.replace("}", ", \"approvalTimeoutSeconds\": 60}");

        WorkflowResult result = fleet.runInVirtualTime("just-in-time", request, issued -> whileWaiting(
                LocalFleet.Decision.approvedBy(APPROVER, DECIDED_AT).sentAt(Instant.parse(issued.at()).plusSeconds(59))));

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals("COMPLETED", fleet.report().path("outcome").asText());
        assertFalse(fleet.exists("stale_password") || fleet.exists("stale_key"));
    }

    /** An event-started run always requires approval; most such runs of a tidy organization find nobody. */
    @Test
    void aRunThatSelectsNobodyEndsWithItsReportWithoutAskingAnyone() throws Exception {
        String request = REQUEST.replace("\"unusedForDays\": 90", "\"unusedForDays\": 90, \"pathPrefix\": \"/nobody/\"");
        List<String> asked = new ArrayList<>();

        WorkflowResult result = fleet.run("nobody", request, issued -> {
            asked.add(issued.at());
            return LocalFleet.Decision.approvedBy(APPROVER, DECIDED_AT);
        });

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals(List.of(), asked, "a plan of nobody has nothing to approve");
        JsonNode report = fleet.report();
        assertEquals("COMPLETED", report.path("outcome").asText(), report::toPrettyString);
        assertEquals(0, report.path("users").size(), report::toPrettyString);
        assertEquals(List.of(), fleet.mutations());
    }

    @Test
    void aRejectedPlanEndsAsFleetRejectedWithNobodyOffboardedAndTheReportNamesWhoRejected() throws Exception {
        WorkflowResult result = fleet.run("rejected", REQUEST,
                issued -> whileWaiting(LocalFleet.Decision.rejectedBy(APPROVER, DECIDED_AT, "wrong accounts")));

        assertFalse(result.succeeded());
        assertEquals("Offboarding.FleetRejected", result.error(), result.cause());
        assertEquals(List.of(List.of()), changedWhileWaiting);
        assertEquals(List.of(), fleet.mutations(), "nobody offboarded");
        JsonNode report = fleet.report();
        assertEquals("REJECTED", report.path("outcome").asText(), report::toPrettyString);
        assertEquals("REJECTED", report.path("approval").path("decision").asText(), report::toPrettyString);
        assertEquals(APPROVER, report.path("approval").path("by").asText());
        assertEquals("wrong accounts", report.path("approval").path("reason").asText());
        assertEquals(2, report.path("counts").path("byOutcome").path("NOT_STARTED").asInt(), report::toPrettyString);
        assertTrue(fleet.exists("stale_password") && fleet.exists("stale_key"));
    }
}
