package dev.offboarding.local;

import static dev.offboarding.local.OffboardingChainTest.deleteUserRetryingEachSecond;
import static dev.offboarding.local.Scenario.inventory;
import static dev.offboarding.local.Scenario.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.errors.ItemNotTheUsersException;
import dev.offboarding.errors.UserDeleteConflictException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A run that fails midway leaves a state that running again finishes; throttling is survived by retrying. The reruns
 * are those of the workflow: the same execution, with the inventory it took.
 */
class RecoveryTest {

    @Test
    void aRemovalThatFailsMidwayIsFinishedByRunningAgainWithTheSameInventory() {
        Scenario s = Scenario.load("every-blocker");
        JsonNode inventory = takenBy(EXECUTION, inventory(s.listTokens(s.userName())));
        s.iam.faults().serverError("DeleteUserPolicy", 1);

        Invocation crashed = s.removeTokens(inventory.toString(), "REMOVE", false, EXECUTION);
        assertEquals(IamRetryableException.class.getName(), crashed.errorType());
        assertTrue(s.iam.calls().count("DeleteAccessKey") > 0, "it had removed part of the blockers");

        JsonNode rerun = json(s.removeTokens(inventory.toString(), "REMOVE", false, EXECUTION));
        assertTrue(rerun.toString().contains("ALREADY_ABSENT"), "what the first run removed is reported as such");
        assertEquals("DELETED", deleteUserRetryingEachSecond(s, s.userName()).path("outcome").asText());
        assertFalse(s.iam.userExists(s.userName()));
    }

    /**
     * The workflow retries the step with the same inventory, in the same execution. The device is no longer the
     * user's in IAM's eyes (deactivated, unassigned), but the inventory was taken by this execution, so it is deleted.
     */
    @Test
    void aCrashBetweenDeactivatingAndDeletingAVirtualMfaDeviceLeavesNoOrphanAfterTheRerun() {
        Scenario s = Scenario.load("little-tester");
        JsonNode inventory = takenBy(EXECUTION, inventory(s.listTokens(s.userName())));
        s.iam.faults().serverError("DeleteVirtualMFADevice", 1);

        Invocation crashed = s.removeTokens(inventory.toString(), "REMOVE", false, EXECUTION);
        assertEquals(IamRetryableException.class.getName(), crashed.errorType());
        assertTrue(crashed.errorMessage().contains("MFA_DEVICE arn:aws:iam::123456789012:mfa/little_tester"
                + " DEACTIVATED"), "the failure says what was done: " + crashed.errorMessage());
        assertEquals(1, s.iam.virtualMfaDeviceSerials().size(), "deactivated, unassigned, not yet deleted");

        JsonNode rerun = json(s.removeTokens(inventory.toString(), "REMOVE", false, EXECUTION));
        JsonNode mfa = find(rerun, "MFA_DEVICE");
        assertEquals("DELETED", mfa.path("action").asText());
        assertTrue(s.iam.virtualMfaDeviceSerials().isEmpty());
        assertEquals("DELETED", deleteUserRetryingEachSecond(s, s.userName()).path("outcome").asText());
    }

    /** The same rerun from another execution's inventory cannot tell the unassigned device is the user's. */
    @Test
    void aDeviceNoLongerAssignedIsNotDeletedFromAnotherExecutionsInventory() {
        Scenario s = Scenario.load("little-tester");
        JsonNode inventory = takenBy(EXECUTION, inventory(s.listTokens(s.userName())));
        s.iam.faults().serverError("DeleteVirtualMFADevice", 1);
        s.removeTokens(inventory.toString(), "REMOVE", false, EXECUTION);
        int callsBefore = s.iam.calls().all().size();

        Invocation refused = s.removeTokens(inventory.toString(), "REMOVE", false, EXECUTION + "-other");

        assertEquals(ItemNotTheUsersException.class.getName(), refused.errorType(), refused.errorMessage());
        assertEquals(1, s.iam.virtualMfaDeviceSerials().size(), "nothing deleted");
        assertEquals(List.of("ListMFADevices"), s.iam.calls().all().subList(callsBefore, s.iam.calls().all().size())
                .stream().map(c -> c.operation()).toList(), "only the question, no change");
    }

    private static final String EXECUTION = "arn:aws:states:eu-west-1:123456789012:execution:OffboardUser:recovery";

    /** The inventory as list-tokens returns it in a workflow execution: stamped with that execution. */
    private static JsonNode takenBy(String execution, JsonNode inventory) {
        return ((com.fasterxml.jackson.databind.node.ObjectNode) inventory).put("execution", execution);
    }

    /**
     * Against AWS the SDK retries a throttled call itself; what reaches the functions is throttling or a 5xx that
     * outlasted those retries. Here each step meets a burst of them and is retried whole, as the workflow does.
     */
    @Test
    void throttlingAndServerErrorsThatOutlastTheSdkRetriesAreSurvivedByRetryingTheStep() {
        Scenario s = Scenario.load("every-blocker");
        String user = s.userName();

        s.iam.faults().throttle("*", 3);
        JsonNode inventory = takenBy(EXECUTION, inventory(retried(() -> s.listTokens(user))));
        s.iam.faults().throttle("DeleteSSHPublicKey", 2);
        s.iam.faults().serverError("DetachUserPolicy", 2);
        json(retried(() -> s.removeTokens(inventory.toString(), "REMOVE", false, EXECUTION)));
        s.iam.faults().throttle("DeleteUser", 2);
        assertEquals("DELETED", deleteUserRetryingEachSecondThroughFaults(s, user).path("outcome").asText());

        long throttled = s.iam.calls().all().stream().filter(c -> "Throttling".equals(c.outcome())).count();
        long failed = s.iam.calls().all().stream().filter(c -> "ServiceFailure".equals(c.outcome())).count();
        assertEquals(3 + 2 + 2, throttled);
        assertEquals(2, failed);
        assertFalse(s.iam.userExists(user));
    }

    @Test
    void aLoginProfileCreatedMomentsAgoIsDeletedOnceIamAllowsIt() {
        Scenario s = Scenario.ofWorld("{\"users\": [{\"userName\": \"fresh\","
                + " \"loginProfile\": {\"unmodifiableForSeconds\": 1}}]}");
        JsonNode inventory = inventory(s.listTokens("fresh"));

        JsonNode removal = json(s.removeTokens(inventory.toString(), "REMOVE", false));

        assertEquals("DELETED", find(removal, "LOGIN_PROFILE").path("action").asText());
        assertTrue(s.iam.calls().count("DeleteLoginProfile") >= 2, "EntityTemporarilyUnmodifiable was retried");
    }

    @Test
    void aLoginProfileThatStaysUnmodifiableSurfacesAsTheRetryableErrorAfterABoundedNumberOfTries() {
        Scenario s = Scenario.ofWorld("{\"users\": [{\"userName\": \"fresh\","
                + " \"loginProfile\": {\"unmodifiableForSeconds\": 60}}]}");
        JsonNode inventory = inventory(s.listTokens("fresh"));

        Invocation result = s.removeTokens(inventory.toString(), "REMOVE", false);

        assertEquals(IamRetryableException.class.getName(), result.errorType());
        assertEquals(3, s.iam.calls().count("DeleteLoginProfile"));
    }

    /** Retries a step on the typed retryable error, as the state machine's Retry does; bounded. */
    static Invocation retried(Supplier<Invocation> step) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Invocation result = step.get();
            if (!IamRetryableException.class.getName().equals(result.errorType())) {
                return result;
            }
        }
        throw new AssertionError("still throttled after 20 attempts");
    }

    static JsonNode deleteUserRetryingEachSecondThroughFaults(Scenario s, String user) {
        for (int attempt = 0; attempt < 30; attempt++) {
            Invocation result = s.deleteUser(user, attempt);
            if (!result.failed()) {
                return json(result);
            }
            assertTrue(Set.of(UserDeleteConflictException.class.getName(), IamRetryableException.class.getName())
                    .contains(result.errorType()), result.errorType() + ": " + result.errorMessage());
            s.clock.advance(java.time.Duration.ofSeconds(1));
        }
        throw new AssertionError("DeleteUser did not succeed within 30 attempts");
    }

    static JsonNode find(JsonNode removal, String kind) {
        for (JsonNode item : removal.path("items")) {
            if (kind.equals(item.path("kind").asText())) {
                return item;
            }
        }
        throw new AssertionError("no " + kind + " in " + removal);
    }
}
