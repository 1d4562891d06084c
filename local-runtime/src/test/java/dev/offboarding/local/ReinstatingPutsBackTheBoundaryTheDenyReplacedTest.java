package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import dev.offboarding.simulator.Call;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A quarantined user whose quota of managed policies was full: the lock-out made AWSDenyAll its permissions boundary,
 * in place of the boundary it had. Through the real definitions on the local engine, the reinstate turns the
 * credentials back on and puts that boundary back, last, so that the user is denied until everything else is done.
 */
class ReinstatingPutsBackTheBoundaryTheDenyReplacedTest {
    private static final String USER = "night_owl";
    private static final String PREVIOUS_BOUNDARY = "arn:aws:iam::aws:policy/PowerUserAccess";
    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";

    @Test
    void theBoundaryTheDenyReplacedIsPutBackAfterTheCredentialsAreOnAgain() throws Exception {
        ReinstatingAQuarantinedUserTest.StoppedWhileItWaits records =
                new ReinstatingAQuarantinedUserTest.StoppedWhileItWaits();
        RealWorkflow world = RealWorkflow.scenario("quarantine", scenario -> {
            ObjectNode user = (ObjectNode) scenario.path("world").path("users").get(0);
            ArrayNode attached = user.putArray("attachedPolicies");
            for (int i = 1; i <= 10; i++) {
                attached.addObject().put("policyArn", "arn:aws:iam::123456789012:policy/team-policy-" + i);
            }
            user.put("permissionsBoundary", PREVIOUS_BOUNDARY);
        }, records);
        records.stopNextQuarantine();
        assertThrows(LocalEngineException.class, () -> world.offboard("quarantine"));
        assertEquals(DENY_ALL, boundary(world), "locked out behind a boundary deny: the quota was full");
        JsonNode lockOut = world.record(world.recordKeys().get(0)).path("removed").get(0).path("deny");
        assertEquals(PREVIOUS_BOUNDARY, lockOut.path("replacedBoundary").asText(), lockOut.toString());
        world.iam.calls().clear();

        WorkflowResult result = world.reinstate(Json.mapper().createObjectNode().put("userName", USER)
                .put("dryRun", false), "undo-boundary");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals(PREVIOUS_BOUNDARY, boundary(world), "the boundary it had is back");
        List<String> changes = world.iam.calls().mutating().stream().map(Call::operation).toList();
        assertEquals("PutUserPermissionsBoundary", changes.get(changes.size() - 1), "last: " + changes);
        assertTrue(changes.contains("UpdateAccessKey"), changes.toString());
        assertEquals("Active", world.iam.listAccessKeys(r -> r.userName(USER)).accessKeyMetadata().get(0)
                .statusAsString());
    }

    private static String boundary(RealWorkflow world) {
        var boundary = world.iam.getUser(r -> r.userName(USER)).user().permissionsBoundary();
        return boundary == null ? null : boundary.permissionsBoundaryArn();
    }
}
