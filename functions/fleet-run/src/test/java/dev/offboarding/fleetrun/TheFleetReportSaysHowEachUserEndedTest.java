package dev.offboarding.fleetrun;

import static dev.offboarding.fleetrun.FleetWorld.HOME;
import static dev.offboarding.fleetrun.FleetWorld.array;
import static dev.offboarding.fleetrun.ThePlanClassifiesEachUserFromItsDryRunTest.byUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.fleet.ChildExecutionName;
import dev.offboarding.model.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * REPORT: for each user, its offboarding's result when it ran (its plan's otherwise), with the child's single-user
 * record; in all, the counts and how the fleet execution ends.
 */
class TheFleetReportSaysHowEachUserEndedTest {
    private static final String APPROVER = "arn:aws:sts::123456789012:assumed-role/Approvers/jane";
    private final FleetWorld world = new FleetWorld();

    private JsonNode fleet;
    private JsonNode selected;
    private JsonNode limit;

    private static String f(String fleetExecution) {
        return "fleet/stale/" + fleetExecution + "/";
    }

    private static String planName(String fleetExecution, String user) {
        return ChildExecutionName.forPlan(fleetExecution, HOME, user);
    }

    /** Plans alice, bob (privileged), carol, dave, erin (gone); gina is not found. Every dry run but bob's would go. */
    private void plannedIn(String fleetExecution, String dryRun) {
        fleet = world.validate("{'run': 'stale', 'users': ['alice', 'bob', 'carol', 'dave', 'erin', 'gina'],"
                + " 'requireApproval': true, 'dryRun': " + dryRun + "}", fleetExecution);
        selected = array(world.selected(fleet, HOME, 100, List.of("alice", "bob", "carol", "dave", "erin"),
                List.of("gina")));
        JsonNode items = world.invoke(world.items(fleet, selected));
        world.mapRunWrote(f(fleetExecution) + "plan/results/" + HOME, List.of(
                FleetWorld.finished(FleetWorld.dryRun("alice", HOME, planName(fleetExecution, "alice"))),
                FleetWorld.finished(FleetWorld.dryRunRefused("bob", HOME, planName(fleetExecution, "bob"),
                        "Offboarding.UserPrivileged", "Refusing to delete user bob: it can administer the account")),
                FleetWorld.finished(FleetWorld.dryRun("carol", HOME, planName(fleetExecution, "carol"))),
                FleetWorld.finished(FleetWorld.dryRun("dave", HOME, planName(fleetExecution, "dave"))),
                FleetWorld.finished(FleetWorld.record(Outcome.ALREADY_ABSENT, "erin", HOME,
                        planName(fleetExecution, "erin")))));
        limit = world.invoke(world.limit(fleet, selected, items));
    }

    private static String offboardName(String user) {
        return FleetWorld.offboardName("stale", HOME, user);
    }

    @Test
    void aFleetWithRefusalsAndFailuresAmongSuccessesCountsEachOutcomeAndError() {
        plannedIn(FleetWorld.FLEET_EXECUTION, "false");
        AuditRecord alice = FleetWorld.record(Outcome.DELETED, "alice", HOME, offboardName("alice"));
        String aliceRecord = world.childRecordWritten(alice);
        world.mapRunWrote(f(FleetWorld.FLEET_EXECUTION) + "offboard/results/" + HOME, List.of(
                FleetWorld.finished(alice),
                FleetWorld.childFailed(offboardName("carol"), "carol", HOME, "Offboarding.UserRecentlyActive",
                        "Refusing to delete user carol: it was active recently."),
                FleetWorld.childFailed(offboardName("dave"), "dave", HOME, "Offboarding.DeleteConflictPersists",
                        "User dave still cannot be deleted")));

        JsonNode answer = world.invoke(world.report(fleet, selected, limit));

        assertFalse(answer.get("failed").asBoolean());
        assertTrue(answer.get("error").isNull());
        JsonNode summary = answer.get("summary");
        assertEquals("COMPLETED", summary.get("outcome").asText());
        assertEquals("{\"byOutcome\":{\"DELETED\":1,\"ALREADY_ABSENT\":1,\"REFUSED\":2,\"FAILED\":1,\"NOT_FOUND\":1},"
                + "\"byError\":{\"Offboarding.DeleteConflictPersists\":1,\"Offboarding.UserPrivileged\":1,"
                + "\"Offboarding.UserRecentlyActive\":1}}", summary.get("counts").toString());
        assertEquals(6, summary.get("users").asInt());
        assertEquals(f(FleetWorld.FLEET_EXECUTION) + "report.json", summary.get("reportKey").asText());

        JsonNode report = world.read(f(FleetWorld.FLEET_EXECUTION) + "report.json");
        assertEquals("COMPLETED", report.get("outcome").asText());
        assertEquals("2026-12-02T10:30:00Z", report.get("endedAt").asText());
        assertEquals(f(FleetWorld.FLEET_EXECUTION) + "plan.json", report.get("planKey").asText());
        Map<String, JsonNode> users = byUser(report);
        assertEquals("DELETED", users.get("alice").get("outcome").asText());
        assertEquals(aliceRecord, users.get("alice").get("record").asText());
        assertEquals(offboardName("alice"), users.get("alice").get("execution").asText());
        assertEquals("REFUSED", users.get("carol").get("outcome").asText());
        assertEquals("FAILED", users.get("dave").get("outcome").asText());
        assertEquals("User dave still cannot be deleted", users.get("dave").get("reason").asText());
        assertEquals("REFUSED", users.get("bob").get("outcome").asText());
        assertEquals("ALREADY_ABSENT", users.get("erin").get("outcome").asText());
        assertEquals("NOT_FOUND", users.get("gina").get("outcome").asText());
    }

    @Test
    void aReRunOfTheSameRunReportsItsChildrenAlreadyStartedWithTheEarlierRecord() {
        // The first fleet execution of run "stale" offboarded alice...
        String earlier = world.childRecordWritten(FleetWorld.record(Outcome.DELETED, "alice", HOME,
                offboardName("alice")));
        // ...and its re-run derives the same offboard names, which Step Functions refuses to start again.
        plannedIn("fleet-exec-2", "false");
        world.mapRunWrote(f("fleet-exec-2") + "offboard/results/" + HOME, List.of(
                FleetWorld.alreadyStarted(offboardName("alice"), "alice", HOME),
                FleetWorld.alreadyStarted(offboardName("carol"), "carol", HOME),
                FleetWorld.alreadyStarted(offboardName("dave"), "dave", HOME)));

        JsonNode answer = world.invoke(world.report(fleet, selected, limit));

        assertEquals(3, answer.get("summary").get("counts").get("byOutcome").get("ALREADY_STARTED").asInt());
        JsonNode alice = byUser(world.read(f("fleet-exec-2") + "report.json")).get("alice");
        assertEquals("ALREADY_STARTED", alice.get("outcome").asText());
        assertEquals(earlier, alice.get("record").asText());
        assertTrue(alice.get("reason").asText().contains("says DELETED"), alice.get("reason").asText());
        JsonNode carol = byUser(world.read(f("fleet-exec-2") + "report.json")).get("carol");
        assertFalse(carol.has("record"));
        assertTrue(carol.get("reason").asText().contains("no record of it was found"));
    }

    @Test
    void aRejectedPlanFailsTheFleetAsRejectedNamingWhoRejectedItAndNobodyWasStarted() {
        plannedIn(FleetWorld.FLEET_EXECUTION, "false");
        ObjectNode input = world.report(fleet, selected, limit);
        input.putObject("ending").put("error", "Offboarding.Rejected").put("cause", "{\"decision\":\"REJECTED\","
                + "\"by\":\"" + APPROVER + "\",\"at\":\"2026-12-02T10:20:00Z\",\"reason\":\"too many\"}");

        JsonNode answer = world.invoke(input);

        assertTrue(answer.get("failed").asBoolean());
        assertEquals("Offboarding.FleetRejected", answer.get("error").asText());
        assertTrue(answer.get("cause").asText().contains("rejected by " + APPROVER), answer.get("cause").asText());
        JsonNode report = world.read(f(FleetWorld.FLEET_EXECUTION) + "report.json");
        assertEquals("REJECTED", report.get("outcome").asText());
        assertEquals("{\"decision\":\"REJECTED\",\"by\":\"" + APPROVER + "\",\"at\":\"2026-12-02T10:20:00Z\","
                + "\"reason\":\"too many\"}", report.get("approval").toString());
        assertEquals(3, report.get("counts").get("byOutcome").get("NOT_STARTED").asInt());
    }

    /** offboard reject sends SendTaskFailure Offboarding.Rejected with {"by", "at", "reason"}: the error is the decision. */
    @Test
    void aRejectionAsOffboardRejectSendsItNamesWhoRejectedIt() {
        plannedIn(FleetWorld.FLEET_EXECUTION, "false");
        ObjectNode input = world.report(fleet, selected, limit);
        input.putObject("ending").put("error", "Offboarding.Rejected").put("cause", "{\"by\":\"" + APPROVER
                + "\",\"at\":\"2026-12-02T10:20:00Z\",\"reason\":\"too many\"}");

        JsonNode answer = world.invoke(input);

        assertEquals("Offboarding.FleetRejected", answer.get("error").asText());
        assertTrue(answer.get("cause").asText().contains("rejected by " + APPROVER), answer.get("cause").asText());
        JsonNode report = world.read(f(FleetWorld.FLEET_EXECUTION) + "report.json");
        assertEquals("REJECTED", report.get("outcome").asText());
        assertEquals("{\"decision\":\"REJECTED\",\"by\":\"" + APPROVER + "\",\"at\":\"2026-12-02T10:20:00Z\","
                + "\"reason\":\"too many\"}", report.get("approval").toString());
    }

    @Test
    void noDecisionInTimeIsARejectionToo() {
        plannedIn(FleetWorld.FLEET_EXECUTION, "false");
        ObjectNode input = world.report(fleet, selected, limit);
        input.putObject("ending").put("error", "Offboarding.Rejected").put("cause", "no decision within 86400 s");

        JsonNode answer = world.invoke(input);

        assertEquals("Offboarding.FleetRejected", answer.get("error").asText());
        assertEquals("The plan was not approved: no decision within 86400 s. Nobody was offboarded.",
                answer.get("cause").asText());
        assertEquals("REJECTED", answer.get("summary").get("outcome").asText());
        assertTrue(answer.get("summary").get("approval").isNull());
    }

    @Test
    void aPlanTheBlastRadiusRefusedEndsRefusedWithTheLimitsSentence() {
        plannedIn(FleetWorld.FLEET_EXECUTION, "false");
        ObjectNode input = world.report(fleet, selected, null);
        input.putObject("ending").put("error", "dev.offboarding.errors.BlastRadiusExceededException")
                .put("cause", "{\"errorMessage\":\"Fleet run stale exceeds its blast radius: ...\",\"errorType\":"
                        + "\"dev.offboarding.errors.BlastRadiusExceededException\"}");

        JsonNode answer = world.invoke(input);

        assertEquals("Offboarding.BlastRadiusExceeded", answer.get("error").asText());
        assertEquals("Fleet run stale exceeds its blast radius: ...", answer.get("cause").asText());
        assertEquals("REFUSED", answer.get("summary").get("outcome").asText());
    }

    @Test
    void aDryRunFleetReportsWhatEachUserWouldUndergo() {
        plannedIn(FleetWorld.FLEET_EXECUTION, "true");

        JsonNode answer = world.invoke(world.report(fleet, selected, limit));

        assertFalse(answer.get("failed").asBoolean());
        assertEquals("DRY_RUN", answer.get("summary").get("outcome").asText());
        assertEquals(3, answer.get("summary").get("counts").get("byOutcome").get("DRY_RUN").asInt());
    }

    @Test
    void aFailureBeforeAnyPlanIsReportedWithoutUsers() {
        fleet = world.validate("{'run': 'stale', 'users': ['alice']}");
        ObjectNode input = world.report(fleet, null, null);
        input.putObject("ending").put("error", "dev.offboarding.errors.SelectionFailedException")
                .put("cause", "{\"errorMessage\":\"iam:ListUsers failed with AccessDenied\"}");

        JsonNode answer = world.invoke(input);

        assertEquals("Offboarding.SelectionFailed", answer.get("error").asText());
        assertEquals("FAILED", answer.get("summary").get("outcome").asText());
        assertEquals(0, answer.get("summary").get("users").asInt());
        assertTrue(answer.get("summary").get("planKey").isNull());
    }

    @Test
    void badReportInputIsRefusedNamingTheField() {
        plannedIn(FleetWorld.FLEET_EXECUTION, "false");
        ObjectNode notAnArn = world.report(fleet, selected, limit);
        notAnArn.putObject("approval").put("decision", "APPROVED").put("by", "jane").put("at", "2026-12-02T10:20:00Z");
        assertTrue(assertThrows(InvalidRequestException.class, () -> world.invoke(notAnArn)).getMessage()
                .contains("approval.by must be the ARN"));

        ObjectNode notAnInstant = world.report(fleet, selected, limit);
        notAnInstant.putObject("approval").put("decision", "APPROVED").put("by", APPROVER).put("at", "yesterday");
        assertTrue(assertThrows(InvalidRequestException.class, () -> world.invoke(notAnInstant)).getMessage()
                .contains("approval.at"));

        ObjectNode undated = world.report(fleet, selected, limit);
        undated.putObject("approval").put("decision", "APPROVED").put("by", APPROVER);
        assertTrue(assertThrows(InvalidRequestException.class, () -> world.invoke(undated)).getMessage()
                .contains("approval.at is required"));

        ObjectNode unfinished = world.report(fleet, selected, null);
        assertTrue(assertThrows(InvalidRequestException.class, () -> world.invoke(unfinished)).getMessage()
                .contains("phase must be the offboard phase"));

        ObjectNode noError = world.report(fleet, selected, limit);
        noError.putObject("ending").put("cause", "x");
        assertTrue(assertThrows(InvalidRequestException.class, () -> world.invoke(noError)).getMessage()
                .contains("ending.error is required"));
    }
}
