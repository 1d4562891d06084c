package dev.offboarding.listtokens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.offboarding.testing.NetworkConnections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Priming serves the sample request through the real request path, answered in memory: no network, no IAM change. */
class SnapStartPrimingTest {

    @Test
    void primingExercisesTheIamCallsOfTheRequestWithoutOpeningAConnection() {
        NetworkConnections.Recorded<List<String>> priming = NetworkConnections.during(() -> ListTokensHandler.priming().prime());
        List<String> answeredInMemory = priming.result();

        assertEquals(Set.of("GetUser", "GetLoginProfile", "ListAccessKeys", "GetAccessKeyLastUsed", "ListSigningCertificates",
                "ListSSHPublicKeys", "ListServiceSpecificCredentials", "ListMFADevices", "ListUserPolicies", "GetUserPolicy",
                "ListAttachedUserPolicies", "ListGroupsForUser", "SimulatePrincipalPolicy"), Set.copyOf(answeredInMemory),
                answeredInMemory.toString());
        assertEquals(List.of(), priming.connections());
    }
}
