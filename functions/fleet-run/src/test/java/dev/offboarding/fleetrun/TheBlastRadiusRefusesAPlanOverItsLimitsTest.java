package dev.offboarding.fleetrun;

import static dev.offboarding.fleetrun.FleetWorld.HOME;
import static dev.offboarding.fleetrun.FleetWorld.MEMBER;
import static dev.offboarding.fleetrun.FleetWorld.array;
import static dev.offboarding.fleetrun.FleetWorld.planName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.BlastRadiusExceededException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * LIMIT's blast radius: at most maxUsersPerRun users in all and maxShareOfAccount percent of an account's users;
 * exactly at a limit is within it. Over a limit, a real run is refused after its plan is written; a dry run is not.
 */
class TheBlastRadiusRefusesAPlanOverItsLimitsTest {
    private static final String F = "fleet/stale/" + FleetWorld.FLEET_EXECUTION + "/";
    private final FleetWorld world = new FleetWorld();

    /** {@code wouldGo} users of {@code account} (of {@code accountUsers}) whose dry runs all succeed. */
    private JsonNode limitOf(String request, String account, int accountUsers, int wouldGo) {
        JsonNode fleet = world.validate("{'run': 'stale', 'accounts': ['" + account + "'], 'pathPrefix': '/x/'"
                + request + "}");
        List<String> users = IntStream.range(0, wouldGo).mapToObj(i -> "user" + i).toList();
        JsonNode selected = array(world.selected(fleet, account, accountUsers, users, List.of()));
        JsonNode items = world.invoke(world.items(fleet, selected));
        world.mapRunWrote(F + "plan/results/" + account, users.stream()
                .map(user -> FleetWorld.finished(FleetWorld.dryRun(user, account, planName(account, user)))).toList());
        return world.invoke(world.limit(fleet, selected, items));
    }

    @Test
    void moreUsersThanMaxUsersPerRunIsRefusedNamingTheNumbersAndHowToRaiseTheLimit() {
        BlastRadiusExceededException refused = assertThrows(BlastRadiusExceededException.class,
                () -> limitOf(", 'dryRun': false, 'requireApproval': true, 'maxUsersPerRun': 3", HOME, 1000, 4));

        String cause = refused.getMessage();
        assertTrue(cause.contains("it would offboard 4 users, more than maxUsersPerRun (3)"), cause);
        assertTrue(cause.contains("\"maxUsersPerRun\": 4"), cause);
        assertTrue(cause.contains("an event cannot raise these limits"), cause);
        assertTrue(cause.contains("Nobody was offboarded"), cause);
        JsonNode plan = world.read(F + "plan.json");
        assertEquals(4, plan.get("wouldOffboard").asInt());
        assertTrue(plan.get("limitExceeded").asText().contains("maxUsersPerRun (3)"));
        assertTrue(world.store.get(F + "offboard/" + HOME + ".json").isEmpty(), "no offboard items are written");
    }

    @Test
    void moreThanMaxShareOfAnAccountsUsersIsRefusedNamingTheAccount() {
        BlastRadiusExceededException refused = assertThrows(BlastRadiusExceededException.class,
                () -> limitOf(", 'dryRun': false, 'requireApproval': true", MEMBER, 20, 3));

        String cause = refused.getMessage();
        assertTrue(cause.contains("in account " + MEMBER + " it would offboard 3 of its 20 users (15.0%), more than"
                + " maxShareOfAccount (10%)"), cause);
        assertTrue(cause.contains("\"maxShareOfAccount\": 15"), cause);
    }

    @Test
    void exactlyAtBothLimitsIsAccepted() {
        JsonNode answer = limitOf(", 'dryRun': false, 'requireApproval': true, 'maxUsersPerRun': 2", MEMBER, 20, 2);

        assertTrue(answer.get("limitExceeded").isNull(), answer.toString());
        assertEquals(2, answer.get("wouldOffboard").asInt());
        assertEquals(2, world.read(F + "offboard/" + MEMBER + ".json").size());
    }

    @Test
    void aDryRunIsNotRefusedButItsPlanSaysTheLimitIsExceeded() {
        JsonNode answer = limitOf(", 'maxUsersPerRun': 3", HOME, 1000, 4);

        assertTrue(answer.get("limitExceeded").asText().contains("maxUsersPerRun (3)"), answer.toString());
        assertTrue(world.read(F + "plan.json").get("limitExceeded").asText().contains("maxUsersPerRun (3)"));
        assertTrue(world.read(F + "offboard/" + HOME + ".json").get(0).get("request").get("dryRun").asBoolean(),
                "a dry-run fleet's offboard items are dry runs too");
    }
}
