package dev.offboarding.local;

import static dev.offboarding.local.Scenario.inventory;
import static dev.offboarding.local.Scenario.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.UserDeleteConflictException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each of the nine kinds, alone on a user, makes DeleteUser answer DeleteConflict until it is removed. */
class EachBlockerKindTest {

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("LOGIN_PROFILE", "\"loginProfile\": {\"createDate\": \"2025-01-01T00:00:00Z\"}",
                        "must delete login profile first"),
                Arguments.of("ACCESS_KEY", "\"accessKeys\": [{\"accessKeyId\": \"AKIAQONLYKIND0000001\"}]",
                        "must remove tokens from principal first"),
                Arguments.of("SIGNING_CERTIFICATE",
                        "\"signingCertificates\": [{\"certificateId\": \"CERTONLYKIND000000000000000001\"}]",
                        "must remove tokens from principal first"),
                Arguments.of("SSH_PUBLIC_KEY", "\"sshPublicKeys\": [{\"sshPublicKeyId\": \"APKAQONLYKIND0000001\"}]",
                        "must remove tokens from principal first"),
                Arguments.of("SERVICE_SPECIFIC_CREDENTIAL", "\"serviceSpecificCredentials\": [{"
                                + "\"serviceSpecificCredentialId\": \"ACCAQONLYKIND0000001\","
                                + " \"serviceName\": \"bedrock.amazonaws.com\"}]",
                        "must remove tokens from principal first"),
                Arguments.of("MFA_DEVICE",
                        "\"mfaDevices\": [{\"serialNumber\": \"arn:aws:iam::123456789012:mfa/only_kind\"}]",
                        "must delete MFA device first"),
                Arguments.of("INLINE_POLICY", "\"inlinePolicies\": [{\"policyName\": \"p\", \"policyDocument\":"
                                + " {\"Version\": \"2012-10-17\", \"Statement\": []}}]",
                        "must delete policies first"),
                Arguments.of("ATTACHED_POLICY",
                        "\"attachedPolicies\": [{\"policyArn\": \"arn:aws:iam::aws:policy/ReadOnlyAccess\"}]",
                        "must detach all policies first"),
                Arguments.of("GROUP_MEMBERSHIP", "\"groups\": [\"developers\"]",
                        "must remove users from group first"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aloneItBlocksDeleteUserUntilRemoved(String kind, String blocker, String iamMessage) {
        Scenario s = Scenario.ofWorld("{\"accountId\": \"123456789012\", \"groups\": [{\"groupName\": \"developers\"}],"
                + " \"users\": [{\"userName\": \"only_kind\", " + blocker + "}]}");

        Invocation refused = s.deleteUser("only_kind", 0);
        assertEquals(UserDeleteConflictException.class.getName(), refused.errorType());
        assertTrue(refused.errorMessage().contains(iamMessage), refused.errorMessage());

        JsonNode inventory = inventory(s.listTokens("only_kind"));
        assertEquals(1, inventory.path("blockerCount").asInt());
        JsonNode removal = json(s.removeTokens(inventory.toString(), "REMOVE", false));
        assertEquals(kind, removal.path("items").get(0).path("kind").asText());

        assertEquals("DELETED", json(s.deleteUser("only_kind", 1)).path("outcome").asText());
        assertFalse(s.iam.userExists("only_kind"));
        assertTrue(s.iam.virtualMfaDeviceSerials().isEmpty());
    }
}
