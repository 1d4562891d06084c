package dev.offboarding.removetokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.priming.SnapStartPriming;
import dev.offboarding.testing.NetworkConnections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Priming serves the sample request through the real request path, answered in memory: no network, no IAM change,
 * and it completes (a priming that fails is logged and the snapshot taken anyway, so only this test would notice).
 */
class SnapStartPrimingTest {

    @Test
    void primingExercisesTheIamCallsOfTheRequestWithoutOpeningAConnection() {
        NetworkConnections.Recorded<SnapStartPriming.Outcome> priming =
                NetworkConnections.during(() -> RemoveTokensHandler.priming().prime());
        assertTrue(priming.result().succeeded(), priming.result()::describe);
        List<String> answeredInMemory = priming.result().answered();

        assertEquals(Set.of("ListMFADevices", "AttachUserPolicy", "UpdateAccessKey", "DeleteLoginProfile",
                "DeleteAccessKey", "DeleteSigningCertificate", "DeleteSSHPublicKey", "DeleteServiceSpecificCredential",
                "DeactivateMFADevice", "DeleteVirtualMFADevice", "DeleteUserPolicy", "DetachUserPolicy", "RemoveUserFromGroup"), Set.copyOf(answeredInMemory), answeredInMemory.toString());
        assertEquals(List.of("ListMFADevices", "AttachUserPolicy", "UpdateAccessKey"), answeredInMemory.subList(0, 3),
                "the ownership check, then the deny of every action, then the lock-out");
        assertEquals("DetachUserPolicy", answeredInMemory.get(answeredInMemory.size() - 1), "the deny lifted last");
        assertEquals(2, answeredInMemory.stream().filter("DetachUserPolicy"::equals).count(),
                "the priming user's managed policy, and the deny");
        assertEquals(List.of(), priming.connections());
    }
}
