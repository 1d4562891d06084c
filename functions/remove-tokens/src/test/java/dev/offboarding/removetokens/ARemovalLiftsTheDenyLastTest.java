package dev.offboarding.removetokens;

import static dev.offboarding.removetokens.RoundRequests.invoke;
import static dev.offboarding.removetokens.RoundRequests.items;
import static dev.offboarding.removetokens.RoundRequests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateway.Removal;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.UserInventory;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import dev.offboarding.testing.ListedInventories;
import dev.offboarding.testing.MockIam;
import dev.offboarding.testing.SdkErrors;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;

/**
 * A removal keeps the user denied every action while everything else goes, and detaches AWSDenyAll only once
 * everything else is gone (DetachUserPolicy, its last call, reported as the attached policy detached), so that
 * DeleteUser, which refuses a user with a managed policy attached, can follow. It is detached once, even when the
 * inventory lists it among the attached policies (an earlier lock-out attached it). A deny that is the user's
 * permissions boundary is not lifted: a boundary does not stop DeleteUser and goes with the user. A removal that
 * fails midway leaves the deny attached.
 */
class ARemovalLiftsTheDenyLastTest {
    private static final Path EVERY_BLOCKER = Path.of("..", "..", "events", "scenarios", "every-blocker.json");
    private static final String USER = "every_blocker";
    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
    private final IamSimulator simulator = IamSimulator.fromFile(EVERY_BLOCKER, clock);
    private final IamGateway gateway = new IamGateway(simulator);
    private final LocalContext context = new LocalContext("remove-tokens");

    private UserInventory inventory() {
        return ListedInventories.of(gateway, USER, clock.instant(), List.of(BlockerKind.values()));
    }

    private static final Predicate<Call> LIFT = call -> call.operation().equals("DetachUserPolicy")
            && call.target().equals(USER + "/" + DENY_ALL);

    private boolean denied() {
        return gateway.attachedPolicies(USER).stream().anyMatch(policy -> policy.policyArn().equals(DENY_ALL));
    }

    @Test
    void theDenyIsDetachedByTheLastCallOfARemovalOnceEverythingElseIsGone() throws Exception {
        UserInventory inventory = inventory();
        simulator.calls().clear();

        JsonNode result = invoke(simulator, clock, context, request("REMOVE", inventory));

        List<Call> changes = simulator.calls().mutating();
        assertTrue(LIFT.test(changes.get(changes.size() - 1)), "the lift last: " + changes);
        assertEquals(1, changes.stream().filter(LIFT).count(), changes.toString());
        List<String> items = items(result);
        assertEquals("ATTACHED_POLICY " + DENY_ALL + " DETACHED", items.get(items.size() - 1));
        assertEquals(inventory.blockerCount() + 1, items.size(), "every item, then the deny");
        assertEquals(List.of(), simulator.remainingBlockers(USER), "nothing is left to block DeleteUser");
        assertEquals(Removal.DONE, gateway.deleteUser(USER));
    }

    @Test
    void aDenyTheInventoryListsAfterALockOutIsConfirmedFirstAndDetachedOnceAndLast() throws Exception {
        invoke(simulator, clock, context, request("LOCK_OUT", inventory()));
        UserInventory afterTheQuarantine = inventory();
        assertTrue(afterTheQuarantine.attachedPolicies().stream().anyMatch(p -> p.policyArn().equals(DENY_ALL)),
                "the fresh inventory lists the lock-out's deny");
        simulator.calls().clear();

        JsonNode result = invoke(simulator, clock, context, request("REMOVE", afterTheQuarantine));

        List<Call> changes = simulator.calls().mutating();
        assertEquals(List.of("AttachUserPolicy " + USER + "/" + DENY_ALL), changes.subList(0, 1).stream()
                .map(call -> call.operation() + " " + call.target()).toList(), "attached again, first: " + changes);
        assertTrue(result.get("deny").get("alreadyInPlace").asBoolean(), result.get("deny").toString());
        assertEquals(1, changes.stream().filter(LIFT).count(), "detached once, not also with the other policies: "
                + changes);
        assertTrue(LIFT.test(changes.get(changes.size() - 1)), changes.toString());
        List<String> items = items(result);
        assertEquals(1, items.stream().filter(item -> item.contains(DENY_ALL)).count(), items.toString());
        assertEquals("ATTACHED_POLICY " + DENY_ALL + " DETACHED", items.get(items.size() - 1));
        assertEquals(Removal.DONE, gateway.deleteUser(USER));
    }

    @Test
    void aRemovalThatFailsMidwayLeavesTheDenyAttachedAndItsRetryLiftsIt() throws Exception {
        // Taken by this execution: its retry may delete the virtual MFA device the failed attempt deactivated.
        String execution = "arn:aws:states:us-east-1:123456789012:execution:OffboardUser:run-1";
        UserInventory inventory = inventory().withExecution(execution);
        ObjectNode removal = request("REMOVE", inventory).put("execution", execution);
        simulator.faults().serverError("RemoveUserFromGroup", 1);

        IamRetryableException e = assertThrows(IamRetryableException.class,
                () -> invoke(simulator, clock, context, removal));

        assertTrue(e.getMessage().contains("Already done in this round: DENY " + DENY_ALL
                + " ATTACHED as MANAGED_POLICY, "), e.getMessage());
        assertTrue(denied(), "the deny stays on: " + gateway.attachedPolicies(USER));
        assertEquals(0, simulator.calls().all().stream().filter(LIFT).count(), simulator.calls().all().toString());

        // The workflow runs the round again with the same inventory: it finishes, and lifts the deny last.
        simulator.calls().clear();
        invoke(simulator, clock, context, removal);

        List<Call> changes = simulator.calls().mutating();
        assertTrue(LIFT.test(changes.get(changes.size() - 1)), changes.toString());
        assertFalse(denied());
        assertEquals(Removal.DONE, gateway.deleteUser(USER));
    }

    // ---- a boundary deny, which IAM's simulator does not know yet: a mocked IAM ----------------------------------

    private final IamClient iam = MockIam.iamClient();

    private void iamAcceptsTheRemoval() {
        doReturn(PutUserPermissionsBoundaryResponse.builder().build())
                .when(iam).putUserPermissionsBoundary(any(PutUserPermissionsBoundaryRequest.class));
        doReturn(UpdateAccessKeyResponse.builder().build()).when(iam).updateAccessKey(any(UpdateAccessKeyRequest.class));
        doReturn(DeleteAccessKeyResponse.builder().build()).when(iam).deleteAccessKey(any(DeleteAccessKeyRequest.class));
        doReturn(DeleteLoginProfileResponse.builder().build())
                .when(iam).deleteLoginProfile(any(DeleteLoginProfileRequest.class));
        doReturn(DetachUserPolicyResponse.builder().build()).when(iam).detachUserPolicy(any(DetachUserPolicyRequest.class));
    }

    /** bob: a password, a key, ReadOnlyAccess attached and this boundary. */
    private static ObjectNode bobsRemoval(String boundary) throws Exception {
        return (ObjectNode) Json.mapper().readTree("{\"mode\": \"REMOVE\", \"inventory\": {\"userName\": \"bob\","
                + " \"user\": {\"arn\": \"arn:aws:iam::123456789012:user/bob\"" + (boundary == null ? ""
                : ", \"permissionsBoundary\": \"" + boundary + "\"") + "}, \"loginProfile\": {}, \"accessKeys\":"
                + " [{\"accessKeyId\": \"AKIAIOSFODNN7EXAMPLE\", \"status\": \"Active\"}], \"attachedPolicies\":"
                + " [{\"policyArn\": \"arn:aws:iam::aws:policy/ReadOnlyAccess\"}]}}");
    }

    private void onlyReadOnlyAccessWasDetachedAndTheBoundaryStays(JsonNode result) {
        verify(iam).detachUserPolicy(DetachUserPolicyRequest.builder().userName("bob")
                .policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess").build());
        assertEquals(1, MockIam.operationsSent(iam).stream().filter("detachUserPolicy"::equals).count(),
                MockIam.operationsSent(iam).toString());
        verify(iam, never()).deleteUserPermissionsBoundary(any(DeleteUserPermissionsBoundaryRequest.class));
        assertTrue(items(result).stream().noneMatch(item -> item.contains(DENY_ALL)), items(result).toString());
        assertEquals("PERMISSIONS_BOUNDARY", result.get("deny").get("how").asText());
    }

    @Test
    void aDenyThatBecameTheBoundaryIsNotLifted() throws Exception {
        doThrow(SdkErrors.limitExceeded()).when(iam).attachUserPolicy(any(AttachUserPolicyRequest.class));
        iamAcceptsTheRemoval();

        JsonNode result = invoke(iam, clock, context, bobsRemoval("arn:aws:iam::123456789012:policy/boundary"));

        onlyReadOnlyAccessWasDetachedAndTheBoundaryStays(result);
        assertEquals("putUserPermissionsBoundary", MockIam.operationsSent(iam).get(1));
    }

    @Test
    void aDenyThatWasAlreadyTheBoundaryIsNotLiftedEither() throws Exception {
        iamAcceptsTheRemoval();

        JsonNode result = invoke(iam, clock, context, bobsRemoval(DENY_ALL));

        onlyReadOnlyAccessWasDetachedAndTheBoundaryStays(result);
        assertEquals("putUserPermissionsBoundary", MockIam.operationsSent(iam).get(0), "set again, first");
        verify(iam, never()).attachUserPolicy(any(AttachUserPolicyRequest.class));
    }
}
