package dev.offboarding.fleetrun;

import static dev.offboarding.fleetrun.FleetWorld.HOME;
import static dev.offboarding.fleetrun.FleetWorld.MEMBER;
import static dev.offboarding.fleetrun.FleetWorld.array;
import static dev.offboarding.fleetrun.FleetWorld.planName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.model.Outcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LIMIT: every user is classified from what its dry run (the plan phase's child) did, as the plan phase's
 * ResultWriter wrote it; only those that would be offboarded get an offboard item.
 */
class ThePlanClassifiesEachUserFromItsDryRunTest {
    private static final String F = "fleet/stale/" + FleetWorld.FLEET_EXECUTION + "/";
    private static final String PROTECTED_CAUSE = "Refusing to delete user carol: it is tagged as protected";
    private final FleetWorld world = new FleetWorld();

    private JsonNode fleet;
    private JsonNode selected;
    private JsonNode items;
    private String aliceRecord;

    /** Home: alice would go, bob is privileged, carol protected, dave failed, erin is gone, frank's start failed. */
    private JsonNode planned(String limits) {
        fleet = world.validate("{'run': 'stale', 'accounts': ['" + HOME + "', '" + MEMBER + "'], 'users': ['alice',"
                + " 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'henry', 'ivan'], 'dryRun': false, 'requireApproval': true" + limits + "}");
        selected = array(world.selected(fleet, HOME, 100, List.of("alice", "bob", "carol", "dave", "erin", "frank"),
                        List.of("gina")),
                world.selected(fleet, MEMBER, 50, List.of("henry", "ivan"), List.of()));
        items = world.invoke(world.items(fleet, selected));
        AuditRecord alice = FleetWorld.dryRun("alice", HOME, planName(HOME, "alice"));
        aliceRecord = world.childRecordWritten(alice);
        world.mapRunWrote(F + "plan/results/" + HOME, List.of(
                FleetWorld.finished(alice),
                FleetWorld.finished(FleetWorld.dryRunRefused("bob", HOME, planName(HOME, "bob"),
                        "Offboarding.UserPrivileged", "Refusing to delete user bob: it can administer the account")),
                FleetWorld.childFailed(planName(HOME, "carol"), "carol", HOME, "Offboarding.UserProtected",
                        PROTECTED_CAUSE),
                FleetWorld.childFailed(planName(HOME, "dave"), "dave", HOME, "Offboarding.AccessDenied",
                        "iam:ListAccessKeys is not allowed"),
                FleetWorld.finished(FleetWorld.record(Outcome.ALREADY_ABSENT, "erin", HOME, planName(HOME, "erin"))),
                FleetWorld.processorFailed(planName(HOME, "frank"), "frank", HOME)));
        // ivan's dry run left no result at all.
        world.mapRunWrote(F + "plan/results/" + MEMBER, List.of(
                FleetWorld.finished(FleetWorld.dryRun("henry", MEMBER, planName(MEMBER, "henry")))));
        return world.invoke(world.limit(fleet, selected, items));
    }

    @Test
    void refusalsAndFailuresAmongSuccessesAreClassifiedEachWithWhy() {
        JsonNode answer = planned("");

        JsonNode plan = world.read(F + "plan.json");
        Map<String, JsonNode> users = byUser(plan);
        assertEquals("WOULD_OFFBOARD", users.get("alice").get("plan").asText());
        assertEquals("would remove and delete the user: 1 console password, 1 access key",
                users.get("alice").get("reason").asText());
        assertEquals(aliceRecord, users.get("alice").get("record").asText());
        assertEquals(planName(HOME, "alice"), users.get("alice").get("execution").asText());
        assertEquals("[\"path /contractors/\"]", users.get("alice").get("why").toString());
        assertEquals("REFUSED", users.get("bob").get("plan").asText());
        assertEquals("Offboarding.UserPrivileged", users.get("bob").get("error").asText());
        assertEquals("REFUSED", users.get("carol").get("plan").asText());
        assertEquals(PROTECTED_CAUSE, users.get("carol").get("reason").asText());
        assertEquals("PLAN_FAILED", users.get("dave").get("plan").asText());
        assertEquals("Offboarding.AccessDenied", users.get("dave").get("error").asText());
        assertEquals("NOTHING_TO_DO", users.get("erin").get("plan").asText());
        assertEquals("PLAN_FAILED", users.get("frank").get("plan").asText());
        assertEquals("States.Runtime", users.get("frank").get("error").asText());
        assertEquals("NOT_FOUND", users.get("gina").get("plan").asText());
        assertFalse(users.get("gina").has("execution"));
        assertEquals("WOULD_OFFBOARD", users.get("henry").get("plan").asText());
        assertEquals("PLAN_FAILED", users.get("ivan").get("plan").asText());
        assertTrue(users.get("ivan").get("reason").asText().contains("wrote no result"));

        assertEquals(2, plan.get("wouldOffboard").asInt());
        assertEquals(2, plan.get("refused").asInt());
        assertTrue(plan.get("limitExceeded").isNull());
        assertEquals("[{\"accountId\":\"" + HOME + "\",\"accountUsers\":100,\"candidates\":6,\"wouldOffboard\":1,"
                + "\"shareOfAccount\":1.0},{\"accountId\":\"" + MEMBER + "\",\"accountUsers\":50,\"candidates\":2,"
                + "\"wouldOffboard\":1,\"shareOfAccount\":2.0}]", plan.get("accounts").toString());
        assertEquals("{\"maxUsersPerRun\":25,\"maxShareOfAccount\":10}", plan.get("limits").toString());

        assertEquals("OFFBOARD", answer.get("phase").asText());
        assertEquals(2, answer.get("wouldOffboard").asInt());
        assertEquals(2, answer.get("refused").asInt());
        assertEquals(F + "plan.json", answer.get("planKey").asText());
        assertTrue(answer.get("limitExceeded").isNull());
        assertEquals(2, answer.get("accounts").size());
        assertEquals(F + "offboard/results/" + HOME, answer.get("accounts").get(0).get("resultsPrefix").asText());
    }

    @Test
    void onlyTheUsersItWouldOffboardGetARealRunNamedAfterTheRun() {
        planned("");

        JsonNode home = world.read(F + "offboard/" + HOME + ".json");
        assertEquals(1, home.size());
        assertEquals(FleetWorld.offboardName("stale", HOME, "alice"), home.get(0).get("execution").asText());
        assertFalse(home.get(0).get("request").get("dryRun").asBoolean());
        assertEquals("henry", world.read(F + "offboard/" + MEMBER + ".json").get(0).get("userName").asText());
    }

    @Test
    void aLimitStageGivenTheWrongPhaseIsRefusedNamingTheField() {
        planned("");
        ObjectNode wrong = world.limit(fleet, selected, items);
        ((ObjectNode) wrong.get("phase")).put("phase", "OFFBOARD");

        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> world.invoke(wrong));
        assertTrue(refused.getMessage().contains("phase.phase must be PLAN"), refused.getMessage());

        ObjectNode none = world.limit(fleet, selected, items);
        none.remove("phase");
        assertTrue(assertThrows(InvalidRequestException.class, () -> world.invoke(none)).getMessage()
                .contains("phase is required"));
    }

    @Test
    void aDryRunThatAnsweredForAnotherUserIsAFailedPlanNotAnOffboarding() {
        fleet = world.validate("{'run': 'stale', 'users': ['alice'], 'dryRun': false, 'requireApproval': true}");
        selected = array(world.selected(fleet, HOME, 10, List.of("alice"), List.of()));
        items = world.invoke(world.items(fleet, selected));
        AuditRecord other = FleetWorld.dryRun("mallory", HOME, planName(HOME, "alice"));
        FleetWorld.Entry entry = FleetWorld.finished(other);
        ObjectNode output = entry.output().put("userName", "alice");
        entry.item().put("userName", "alice");
        world.mapRunWrote(F + "plan/results/" + HOME, List.of(new FleetWorld.Entry("SUCCEEDED", entry.item(), output,
                null, null)));

        JsonNode answer = world.invoke(world.limit(fleet, selected, items));

        assertEquals(0, answer.get("wouldOffboard").asInt());
        assertEquals("PLAN_FAILED", world.read(F + "plan.json").get("users").get(0).get("plan").asText());
        assertNull(world.store.get(F + "offboard/" + HOME + ".json").orElse(null));
    }

    static Map<String, JsonNode> byUser(JsonNode planOrReport) {
        Map<String, JsonNode> users = new HashMap<>();
        planOrReport.get("users").forEach(user -> users.put(user.get("userName").asText(), user));
        return users;
    }
}
