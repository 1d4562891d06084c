package dev.offboarding.listtokens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Priming serves the sample request through the real request path, answered in memory: no network, no IAM change. */
class SnapStartPrimingTest {
    private final ProxySelector original = ProxySelector.getDefault();
    private final List<URI> connections = new ArrayList<>();

    @AfterEach
    void restore() {
        ProxySelector.setDefault(original);
    }

    @Test
    void primingExercisesTheIamCallsOfTheRequestWithoutOpeningAConnection() {
        // Every HTTP connection the JDK opens asks the default ProxySelector first: record them.
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                connections.add(uri);
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        });

        List<String> answeredInMemory = ListTokensHandler.priming().prime();

        assertEquals(Set.of("GetUser", "GetLoginProfile", "ListAccessKeys", "GetAccessKeyLastUsed", "ListSigningCertificates",
                "ListSSHPublicKeys", "ListServiceSpecificCredentials", "ListMFADevices", "ListUserPolicies", "GetUserPolicy",
                "ListAttachedUserPolicies", "ListGroupsForUser"), Set.copyOf(answeredInMemory), answeredInMemory.toString());
        assertEquals(List.of(), connections);
    }
}
