package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.simulator.Call;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What IAM may refuse of the deny, through the real definition on the local engine: the user's quota of managed
 * policies is full (LimitExceeded), or an organization SCP denies the call (AccessDenied). The deny then becomes the
 * user's permissions boundary, the one it replaces kept in the record; when that is refused too, the run fails as
 * Offboarding.DenyNotAttached and nothing at all is changed in IAM.
 */
class WhenIamRefusesTheDenyTheWorkflowFallsBackOrChangesNothingTest {
    private static final String PREVIOUS_BOUNDARY = "arn:aws:iam::123456789012:policy/developer-boundary";

    /** little_tester with ten managed policies, the most its quota allows, and a boundary of its own. */
    private static RealWorkflow atTheQuotaWithABoundary() {
        return RealWorkflow.scenario("little-tester", scenario -> {
            ObjectNode user = (ObjectNode) scenario.path("world").path("users").get(0);
            ArrayNode attached = user.putArray("attachedPolicies");
            for (int i = 1; i <= 10; i++) {
                attached.addObject().put("policyArn", "arn:aws:iam::123456789012:policy/team-policy-" + i);
            }
            user.put("permissionsBoundary", PREVIOUS_BOUNDARY);
        }, new MemoryRecordStore());
    }

    private static List<String> mutating(RealWorkflow world) {
        return world.iam.calls().all().stream().filter(Call::mutating)
                .map(c -> c.operation() + " " + c.outcome()).toList();
    }

    @Test
    void aFullQuotaOfManagedPoliciesMakesTheDenyTheBoundaryAndTheRecordKeepsTheOneItReplaced() throws Exception {
        RealWorkflow world = atTheQuotaWithABoundary();

        WorkflowResult result = world.offboard("quota-full");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        List<String> calls = mutating(world);
        assertTrue(calls.get(0).startsWith("AttachUserPolicy LimitExceeded"), calls.toString());
        assertEquals("PutUserPermissionsBoundary OK", calls.get(1), "before any deactivation: " + calls);
        JsonNode deny = result.output().path("removed").get(0).path("deny");
        assertEquals("PERMISSIONS_BOUNDARY", deny.path("how").asText(), deny.toString());
        assertEquals(PREVIOUS_BOUNDARY, deny.path("replacedBoundary").asText());
        assertTrue(deny.path("refusals").get(0).asText().contains("LimitExceeded"), deny.toString());
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("DeleteUserPermissionsBoundary")
                || c.startsWith("DetachUserPolicy") && c.contains("AWSDenyAll")), "a boundary deny is not lifted");
        assertFalse(world.iam.userExists(world.userName()), "the user is deleted with its boundary");
    }

    @Test
    void anOrganizationPolicyDenyingTheAttachMakesTheDenyTheBoundary() throws Exception {
        RealWorkflow world = RealWorkflow.scenario("little-tester", new MemoryRecordStore());
        world.iam.faults().deny("AttachUserPolicy");

        WorkflowResult result = world.offboard("scp-denies-attach");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        JsonNode deny = result.output().path("removed").get(0).path("deny");
        assertEquals("PERMISSIONS_BOUNDARY", deny.path("how").asText(), deny.toString());
        assertTrue(deny.path("refusals").get(0).asText().contains("service control policy"), deny.toString());
        assertTrue(deny.path("replacedBoundary").isMissingNode(), "the user had no boundary: " + deny);
        assertFalse(world.iam.userExists(world.userName()));
    }

    @Test
    void whenBothAreRefusedTheRunFailsAsDenyNotAttachedAndNothingIsChanged() throws Exception {
        RealWorkflow world = atTheQuotaWithABoundary();
        world.iam.faults().deny("PutUserPermissionsBoundary");

        WorkflowResult result = world.offboard("both-refused");

        assertFalse(result.succeeded());
        assertEquals("Offboarding.DenyNotAttached", result.error());
        assertTrue(result.cause().contains("LimitExceeded") && result.cause().contains("service control policy"),
                result.cause());
        assertEquals(List.of("AttachUserPolicy LimitExceeded", "PutUserPermissionsBoundary AccessDenied"),
                mutating(world).stream().map(c -> c.substring(0, c.indexOf(' ') + 1)
                        + c.substring(c.indexOf(' ') + 1).split("[ :]")[0]).toList(),
                "the two refused calls and nothing else: " + mutating(world));
        assertTrue(world.iam.userExists(world.userName()));
        JsonNode record = world.record(world.recordKeys().get(0));
        assertEquals("FAILED", record.path("outcome").asText());
        assertEquals("Offboarding.DenyNotAttached", record.path("error").asText());
    }
}
