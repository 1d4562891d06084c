package dev.offboarding.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.errors.UserDeleteConflictException;
import dev.offboarding.local.WorkflowEvent;
import dev.offboarding.local.WorkflowResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The second layer of the conformance suite: the same definition as the mocked layer, with the real handlers and
 * the IAM simulator behind every task. It proves the error names and payload shapes the Java side really produces
 * are the ones the definition expects.
 */
class OffboardUserWithRealFunctionsTest {

    @Test
    void littleTesterWithAThreeSecondLagIsDeletedAfterDeleteUserRetriesThroughTheConflict() throws Exception {
        RealFunctions world = RealFunctions.scenario("little-tester");

        WorkflowResult result = world.offboard(RealFunctions.request("little-tester"), false);

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        JsonNode record = result.output();
        assertEquals("DELETED", record.path("outcome").asText());
        assertEquals("little_tester", record.path("userName").asText());
        assertEquals("Left the QA team", record.path("reason").asText());
        assertEquals("hr-system", record.path("requestedBy").asText());
        assertEquals(3, record.path("inventory").path("blockerCount").asInt(), "the inventory before removal");
        List<String> path = result.path();
        assertEquals(List.of("ListTokens", "RemoveTokens", "WaitForPropagation", "DeleteUser"),
                path.stream().filter(List.of("ListTokens", "RemoveTokens", "WaitForPropagation", "DeleteUser")::contains)
                        .distinct().toList(), "the removal path, in order: " + path);
        List<WorkflowEvent> retries = result.retriesOf("DeleteUser");
        assertFalse(retries.isEmpty(), "the 3 s lag outlasts the 2 s propagation wait: DeleteUser must be retried");
        retries.forEach(r -> assertEquals(UserDeleteConflictException.class.getName(), r.error()));
        assertTrue(record.path("deleteUserAttempts").asInt() >= 2);

        assertFalse(world.iam.userExists("little_tester"));
        assertTrue(world.iam.virtualMfaDeviceSerials().isEmpty(), "no virtual MFA device left orphaned");
        assertTrue(record.toString().contains("AKIAQLITTLETESTER001"), "the removed key's id is in the record");
    }

    @Test
    void aProtectedUserIsRefusedAndNothingIsChanged() throws Exception {
        RealFunctions world = RealFunctions.world("{\"users\": [{\"userName\": \"break_glass\","
                + " \"tags\": [{\"key\": \"offboarding:protected\", \"value\": \"true\"}],"
                + " \"accessKeys\": [{\"accessKeyId\": \"AKIAQBREAKGLASS00001\"}]}]}");

        WorkflowResult result = world.offboard(RealFunctions.object("{\"userName\": \"break_glass\"}"), true);

        assertFalse(result.succeeded());
        assertEquals("Offboarding.UserProtected", result.error());
        assertTrue(result.cause().contains("break_glass"), result.cause());
        assertFalse(result.path().contains("RemoveTokens"));
        assertEquals(List.of(), world.iam.calls().mutating(), "a refusal mutates nothing");
        assertTrue(world.iam.userExists("break_glass"));
    }

    @Test
    void aDryRunReturnsThePlanAndMakesNoMutatingCall() throws Exception {
        RealFunctions world = RealFunctions.scenario("every-blocker");
        ObjectNode request = (ObjectNode) RealFunctions.request("every-blocker").deepCopy();
        request.put("dryRun", true);

        WorkflowResult result = world.offboard(request, true);

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals("DRY_RUN", result.output().path("outcome").asText());
        assertTrue(result.output().toString().contains("WOULD_DELETE"), "the plan lists what would be removed");
        assertEquals(List.of(), world.iam.calls().mutating(), "a dry run mutates nothing");
        assertFalse(result.path().contains("DeleteUser"));
    }

    @Test
    void aCredentialThatKeepsReappearingEndsInDeleteConflictPersistsNamingIt() throws Exception {
        RealFunctions world = RealFunctions.scenario("little-tester");
        world.iam.visibilityLag(java.time.Duration.ZERO);
        // Some automation re-creates the user's key as soon as it is deleted.
        world.iam.afterCall("DeleteAccessKey", iam -> iam.createAccessKey(r -> r.userName("little_tester")));

        WorkflowResult result = world.offboard(RealFunctions.request("little-tester"), true);

        assertFalse(result.succeeded());
        assertEquals("Offboarding.DeleteConflictPersists", result.error());
        assertTrue(result.cause().contains("AKIA"), "the Cause names the key that remains: " + result.cause());
        assertTrue(result.path().contains("SweepListTokens"), "fresh sweeps were tried: " + result.path());
        assertTrue(world.iam.userExists("little_tester"));
    }

    @Test
    void anInvalidRequestIsRefusedBeforeAnyIamCall() throws Exception {
        RealFunctions world = RealFunctions.scenario("little-tester");

        WorkflowResult result = world.offboard(RealFunctions.object("{\"userName\": \"little tester\", \"dryrun\": true}"),
                true);

        assertFalse(result.succeeded());
        assertEquals("Offboarding.InvalidRequest", result.error());
        assertTrue(result.cause().contains("dryrun"), result.cause());
        assertEquals(List.of(), world.iam.calls().all(), "no IAM call at all");
    }
}
