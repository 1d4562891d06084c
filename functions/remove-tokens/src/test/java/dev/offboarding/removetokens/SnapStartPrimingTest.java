package dev.offboarding.removetokens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.offboarding.testing.NetworkConnections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Priming serves the sample request through the real request path, answered in memory: no network, no IAM change. */
class SnapStartPrimingTest {

    @Test
    void primingExercisesTheIamCallsOfTheRequestWithoutOpeningAConnection() {
        NetworkConnections.Recorded<List<String>> priming = NetworkConnections.during(() -> RemoveTokensHandler.priming().prime());
        List<String> answeredInMemory = priming.result();

        assertEquals(Set.of("ListMFADevices", "UpdateAccessKey", "DeleteLoginProfile",
                "DeleteAccessKey", "DeleteSigningCertificate", "DeleteSSHPublicKey", "DeleteServiceSpecificCredential",
                "DeactivateMFADevice", "DeleteVirtualMFADevice", "DeleteUserPolicy", "DetachUserPolicy", "RemoveUserFromGroup"), Set.copyOf(answeredInMemory), answeredInMemory.toString());
        assertEquals(List.of(), priming.connections());
    }
}
