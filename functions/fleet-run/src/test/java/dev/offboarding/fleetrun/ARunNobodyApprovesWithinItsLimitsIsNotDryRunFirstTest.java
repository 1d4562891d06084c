package dev.offboarding.fleetrun;

import static dev.offboarding.fleetrun.FleetWorld.HOME;
import static dev.offboarding.fleetrun.FleetWorld.MEMBER;
import static dev.offboarding.fleetrun.FleetWorld.array;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ITEMS: a plan only decides something when a person approves it, when the run is a dry run, or when the candidates
 * alone exceed a limit (the dry runs then tell how many would really go). Otherwise the dry runs would cost as many
 * IAM reads again as the offboarding for no decision: the candidates go straight to the offboard phase, where each
 * child's guards decide at run time, and the limits hold against the candidates themselves.
 */
class ARunNobodyApprovesWithinItsLimitsIsNotDryRunFirstTest {
    private static final String F = "fleet/stale/" + FleetWorld.FLEET_EXECUTION + "/";
    private final FleetWorld world = new FleetWorld();

    private JsonNode fleet;
    private JsonNode selected;

    /** alice and bob at home (of 40 users), carol in the member account (of 10), dave not found. */
    private JsonNode items(String request) {
        fleet = world.validate("{'run': 'stale', 'accounts': ['" + HOME + "', '" + MEMBER + "'], 'users': ['alice',"
                + " 'bob', 'carol', 'dave']" + request + "}");
        selected = array(world.selected(fleet, HOME, 40, List.of("alice", "bob"), List.of("dave")),
                world.selected(fleet, MEMBER, 10, List.of("carol"), List.of()));
        return world.invoke(world.items(fleet, selected));
    }

    @Test
    void withoutApprovalAndWithinTheLimitsTheCandidatesAreOffboardedWithoutDryRunsFirst() {
        JsonNode answer = items(", 'dryRun': false, 'requireApproval': false");

        assertEquals("OFFBOARD", answer.get("phase").asText());
        assertEquals(3, answer.get("candidates").asInt());
        assertEquals(List.of(F + "offboard/" + HOME + ".json", F + "offboard/" + MEMBER + ".json"),
                answer.get("accounts").findValuesAsText("Key"));
        JsonNode home = world.read(F + "offboard/" + HOME + ".json");
        assertEquals(FleetWorld.offboardName("stale", HOME, "alice"), home.get(0).get("execution").asText());
        assertFalse(home.get(0).get("request").get("dryRun").asBoolean(), home.toString());
        assertFalse(world.exists(F + "plan/" + HOME + ".json"), "no dry run items are written");

        Map<String, JsonNode> plan = byUser(world.read(F + "plan.json"));
        assertEquals("SELECTED", plan.get("alice").get("plan").asText());
        assertTrue(plan.get("alice").get("reason").asText().contains("the guards decide at run time"));
        assertEquals("SELECTED", plan.get("carol").get("plan").asText());
        assertEquals("NOT_FOUND", plan.get("dave").get("plan").asText());
    }

    @Test
    void theReportSaysHowEachSelectedUserEndedFromItsOffboarding() {
        JsonNode phase = items(", 'dryRun': false, 'requireApproval': false");
        world.mapRunWrote(F + "offboard/results/" + HOME, List.of(
                FleetWorld.finished(FleetWorld.record(Outcome.DELETED, "alice", HOME,
                        FleetWorld.offboardName("stale", HOME, "alice"))),
                FleetWorld.childFailed(FleetWorld.offboardName("stale", HOME, "bob"), "bob", HOME,
                        "Offboarding.UserPrivileged", "Refusing to delete user bob: it can administer the account")));
        world.mapRunWrote(F + "offboard/results/" + MEMBER, List.of(
                FleetWorld.finished(FleetWorld.record(Outcome.DELETED, "carol", MEMBER,
                        FleetWorld.offboardName("stale", MEMBER, "carol")))));

        world.invoke(world.report(fleet, selected, phase));

        JsonNode report = world.read(F + "report.json");
        assertEquals("COMPLETED", report.get("outcome").asText());
        assertEquals("{\"byOutcome\":{\"DELETED\":2,\"REFUSED\":1,\"NOT_FOUND\":1},"
                + "\"byError\":{\"Offboarding.UserPrivileged\":1}}", report.get("counts").toString());
        Map<String, JsonNode> users = byUser(report);
        assertEquals(FleetWorld.offboardName("stale", MEMBER, "carol"), users.get("carol").get("execution").asText());
        assertEquals("REFUSED", users.get("bob").get("outcome").asText());
    }

    @Test
    void candidatesOverALimitAreDryRunFirstSoThatTheLimitCountsOnlyThoseWhoWouldReallyGo() {
        // 3 candidates in all, over a limit of 2 users per run.
        JsonNode over = items(", 'dryRun': false, 'requireApproval': false, 'maxUsersPerRun': 2");

        assertEquals("PLAN", over.get("phase").asText());
        assertTrue(world.exists(F + "plan/" + HOME + ".json"));
        assertFalse(world.exists(F + "offboard/" + HOME + ".json"));
    }

    @Test
    void candidatesOverTheShareOfTheirAccountAreDryRunFirstToo() {
        // carol is 1 of her account's 10 users: 10 %, within the default share; at 9 % she is over it.
        JsonNode over = items(", 'dryRun': false, 'requireApproval': false, 'maxShareOfAccount': 9");

        assertEquals("PLAN", over.get("phase").asText());
        assertFalse(world.exists(F + "offboard/" + MEMBER + ".json"));
    }

    @Test
    void candidatesExactlyAtBothLimitsGoStraightToOffboarding() {
        // 3 users in all with at most 3 per run; carol is exactly 10 % of her account (the default share).
        JsonNode at = items(", 'dryRun': false, 'requireApproval': false, 'maxUsersPerRun': 3");

        assertEquals("OFFBOARD", at.get("phase").asText());
        assertTrue(world.exists(F + "offboard/" + MEMBER + ".json"));
    }

    @Test
    void aCandidatesFileThatSaysItsAccountIsLargerThanSelectUsersFoundIsRefused() {
        // select-users answered 10 users for carol's account; a file rewritten to say 1,000 would lift the share limit.
        fleet = world.validate("{'run': 'stale', 'accounts': ['" + MEMBER + "'], 'users': ['carol'], 'dryRun': false,"
                + " 'requireApproval': false, 'maxShareOfAccount': 1}");
        ObjectNode answer = world.selected(fleet, MEMBER, 10, List.of("carol"), List.of());
        String key = answer.get("key").asText();
        world.put(key, ((ObjectNode) world.read(key)).put("accountUsers", 1_000));

        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> world.invoke(world.items(fleet, array(answer))));

        assertTrue(refused.getMessage().contains("accountUsers is 1000; select-users answered 10"),
                refused.getMessage());
        assertFalse(world.exists(F + "offboard/" + MEMBER + ".json"), "nothing to offboard is written");
        assertFalse(world.exists(F + "plan/" + MEMBER + ".json"), "nothing to dry run is written");
    }

    @ParameterizedTest
    @CsvSource({
        "'dryRun': true,  DRY_RUN",
        "'dryRun': false, COMPLETED",
    })
    void aRunThatSelectedNobodyIsReportedAtOnceEvenWhenAPersonWouldApproveIt(String dryRun, String outcome) {
        fleet = world.validate("{'run': 'stale', 'accounts': ['" + HOME + "'], 'users': ['ghost'], " + dryRun
                + ", 'requireApproval': true}");
        selected = array(world.selected(fleet, HOME, 40, List.of(), List.of("ghost")));

        JsonNode phase = world.invoke(world.items(fleet, selected));

        assertEquals("OFFBOARD", phase.get("phase").asText(), "a plan of nobody has nothing to approve");
        assertEquals(0, phase.get("accounts").size());
        world.invoke(world.report(fleet, selected, phase));
        JsonNode report = world.read(F + "report.json");
        assertEquals(outcome, report.get("outcome").asText());
        assertEquals("{\"byOutcome\":{\"NOT_FOUND\":1},\"byError\":{}}", report.get("counts").toString());
    }

    @Test
    void aRunAPersonApprovesIsPlannedFirstSoThatThePersonSeesWhatWouldHappen() {
        assertEquals("PLAN", items(", 'dryRun': false, 'requireApproval': true").get("phase").asText());
        assertFalse(world.exists(F + "offboard/" + HOME + ".json"));
    }

    @Test
    void aDryRunIsThePlan() {
        assertEquals("PLAN", items(", 'requireApproval': false").get("phase").asText());
        assertFalse(world.exists(F + "offboard/" + HOME + ".json"));
    }

    private static Map<String, JsonNode> byUser(JsonNode document) {
        Map<String, JsonNode> users = new HashMap<>();
        document.get("users").forEach(user -> users.put(user.get("userName").asText(), user));
        return users;
    }
}
