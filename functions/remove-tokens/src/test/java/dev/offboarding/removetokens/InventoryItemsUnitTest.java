package dev.offboarding.removetokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.testing.MockIam;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;

/**
 * remove-tokens sends nothing to IAM that IAM's API reference would not accept as the user's item: each id in its
 * documented form, each status one of IAM's two values exactly, nothing missing, nothing twice, no list longer than
 * IAM lets one user have. One bad item refuses the whole request, naming the item, before the first IAM call, in a
 * dry run too.
 */
class InventoryItemsUnitTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String EXECUTION = "arn:aws:states:eu-west-1:123456789012:execution:OffboardUser:run-1";

    private final IamClient iam = MockIam.iamClient();
    private final LocalContext context = new LocalContext("remove-tokens");

    private JsonNode invoke(String request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RemoveTokensHandler(new IamGateway(iam), duration -> { }, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, context);
        return Json.mapper().readTree(out.toByteArray());
    }

    private static String request(String inventoryFields, String mode, boolean dryRun) {
        return "{\"inventory\": {\"userName\": \"bob\", " + inventoryFields + "}, \"mode\": \"" + mode + "\","
                + " \"dryRun\": " + dryRun + ", \"execution\": \"" + EXECUTION + "\"}";
    }

    private static String list(String field, int count, java.util.function.IntFunction<String> item) {
        return "\"" + field + "\": [" + IntStream.range(0, count).mapToObj(item).collect(Collectors.joining(", "))
                + "]";
    }

    private static String key(String id, String status) {
        return "{\"accessKeyId\": " + (id == null ? "null" : "\"" + id + "\"") + ", \"status\": \"" + status + "\"}";
    }

    /** Each kind of bad item: the inventory fields that carry it, and what the refusal must say. */
    static Stream<Arguments> badItems() {
        String megabyte = "A".repeat(1 << 20);
        return Stream.of(
                // access keys (AccessKeyId: [\w]+, 16 to 128)
                Arguments.of("access key id missing", "\"accessKeys\": [" + key(null, "Active") + "]",
                        "inventory.accessKeys[0].accessKeyId is required"),
                Arguments.of("access key id too short", "\"accessKeys\": [" + key("AKIA1", "Active") + "]",
                        "inventory.accessKeys[0].accessKeyId must be 16 to 128 letters, digits or _"
                                + " (IAM's AccessKeyId), e.g. \"AKIAIOSFODNN7EXAMPLE\"; it is 5 characters long"),
                Arguments.of("access key id of 1 MB", "\"accessKeys\": [" + key(megabyte, "Active") + "]",
                        "inventory.accessKeys[0].accessKeyId must be 16 to 128 letters, digits or _ (IAM's"
                                + " AccessKeyId), e.g. \"AKIAIOSFODNN7EXAMPLE\"; it is 1048576 characters long"),
                Arguments.of("access key id with a path", "\"accessKeys\": [" + key("AKIA/../../000000000", "Active")
                        + "]", "inventory.accessKeys[0].accessKeyId must be 16 to 128 letters, digits or _ (IAM's"
                        + " AccessKeyId), e.g. \"AKIAIOSFODNN7EXAMPLE\"; it has another character at position 5"),
                Arguments.of("access key status ACTIVE", "\"accessKeys\": [" + key(KEY, "ACTIVE") + "]",
                        "inventory.accessKeys[0].status must be \"Active\" or \"Inactive\", exactly as IAM writes it"
                                + " (case matters), or absent; it is \"ACTIVE\""),
                Arguments.of("access key status active", "\"accessKeys\": [" + key(KEY, "active") + "]",
                        "inventory.accessKeys[0].status must be \"Active\" or \"Inactive\""),
                Arguments.of("access key status Enabled", "\"accessKeys\": [" + key(KEY, "Enabled") + "]",
                        "inventory.accessKeys[0].status must be \"Active\" or \"Inactive\""),
                Arguments.of("access key listed twice", "\"accessKeys\": [" + key(KEY, "Active") + ", "
                        + key(KEY, "Inactive") + "]", "inventory.accessKeys[1].accessKeyId " + KEY
                        + " is listed twice (also at inventory.accessKeys[0]): list each item once"),
                Arguments.of("three access keys", list("accessKeys", 3,
                        i -> key("AKIAEXAMPLE00000000" + i, "Active")), "inventory.accessKeys has 3 items; IAM lets a"
                        + " user have at most 2 access keys"),
                // signing certificates (CertificateId: [\w]+, 24 to 128)
                Arguments.of("certificate id too short", "\"signingCertificates\": [{\"certificateId\": \"CERT1\"}]",
                        "inventory.signingCertificates[0].certificateId must be 24 to 128 letters, digits or _"
                                + " (IAM's CertificateId)"),
                Arguments.of("certificate id missing", "\"signingCertificates\": [{\"status\": \"Active\"}]",
                        "inventory.signingCertificates[0].certificateId is required"),
                Arguments.of("certificate status INACTIVE", "\"signingCertificates\": [{\"certificateId\":"
                        + " \"TA7SMP42TDN5Z26OBPJE7EXAMPLE\", \"status\": \"INACTIVE\"}]",
                        "inventory.signingCertificates[0].status must be \"Active\" or \"Inactive\""),
                Arguments.of("three signing certificates", list("signingCertificates", 3,
                        i -> "{\"certificateId\": \"CERTEXAMPLE0000000000000" + i + "\"}"),
                        "inventory.signingCertificates has 3 items; IAM lets a user have at most 2 signing"
                                + " certificates"),
                // SSH public keys (SSHPublicKeyId: [\w]+, 20 to 128)
                Arguments.of("SSH key id with a space", "\"sshPublicKeys\": [{\"sshPublicKeyId\":"
                        + " \"APKA EXAMPLE00000001\"}]", "inventory.sshPublicKeys[0].sshPublicKeyId must be 20 to 128"
                        + " letters, digits or _ (IAM's SSHPublicKeyId)"),
                Arguments.of("six SSH keys", list("sshPublicKeys", 6,
                        i -> "{\"sshPublicKeyId\": \"APKAEXAMPLE00000000" + i + "\"}"),
                        "inventory.sshPublicKeys has 6 items; IAM lets a user have at most 5 SSH public keys"),
                // service-specific credentials (ServiceSpecificCredentialId: [\w]+, 20 to 128)
                Arguments.of("service-specific credential id missing", "\"serviceSpecificCredentials\":"
                        + " [{\"serviceName\": \"codecommit.amazonaws.com\"}]",
                        "inventory.serviceSpecificCredentials[0].serviceSpecificCredentialId is required"),
                Arguments.of("three credentials for one service", list("serviceSpecificCredentials", 3,
                        i -> "{\"serviceSpecificCredentialId\": \"ACCAEXAMPLE00000000" + i + "\", \"serviceName\":"
                                + " \"codecommit.amazonaws.com\"}"), "inventory.serviceSpecificCredentials has 3"
                        + " credentials for codecommit.amazonaws.com; IAM lets a user have at most 2 per service"),
                Arguments.of("21 service-specific credentials", list("serviceSpecificCredentials", 21,
                        i -> "{\"serviceSpecificCredentialId\": \"ACCAEXAMPLE000000" + String.format("%03d", i)
                                + "\", \"serviceName\": \"service" + i + ".amazonaws.com\"}"),
                        "inventory.serviceSpecificCredentials has 21 items; IAM lets a user have at most 20"),
                // MFA devices (SerialNumber: [\w+=/:,.@-]+, 9 to 256)
                Arguments.of("MFA serial missing", "\"mfaDevices\": [{\"enableDate\": \"2024-03-01T09:30:00Z\"}]",
                        "inventory.mfaDevices[0].serialNumber is required"),
                Arguments.of("MFA serial too short", "\"mfaDevices\": [{\"serialNumber\": \"GAHT123\"}]",
                        "inventory.mfaDevices[0].serialNumber must be 9 to 256 letters, digits or + = / : , . @ _ -"
                                + " (IAM's SerialNumber)"),
                Arguments.of("MFA serial with a space", "\"mfaDevices\": [{\"serialNumber\":"
                        + " \"arn:aws:iam::123456789012:mfa/bob phone\"}]",
                        "inventory.mfaDevices[0].serialNumber must be 9 to 256"),
                Arguments.of("MFA serial of 300 characters", "\"mfaDevices\": [{\"serialNumber\":"
                        + " \"arn:aws:iam::123456789012:mfa/" + "x".repeat(270) + "\"}]",
                        "inventory.mfaDevices[0].serialNumber must be 9 to 256"),
                Arguments.of("MFA device listed twice", "\"mfaDevices\": [{\"serialNumber\": \"GAHT12345678\"},"
                        + " {\"serialNumber\": \"GAHT12345678\"}]", "inventory.mfaDevices[1].serialNumber GAHT12345678"
                        + " is listed twice"),
                Arguments.of("nine MFA devices", list("mfaDevices", 9, i -> "{\"serialNumber\": \"GAHT1234567" + i
                        + "\"}"), "inventory.mfaDevices has 9 items; IAM lets a user have at most 8 MFA devices"),
                // inline policies (PolicyName: [\w+=,.@-]+, 1 to 128)
                Arguments.of("inline policy name missing", "\"inlinePolicies\": [{\"policyDocument\": \"{}\"}]",
                        "inventory.inlinePolicies[0].policyName is required"),
                Arguments.of("inline policy name with a slash", "\"inlinePolicies\": [{\"policyName\": \"a/b\"}]",
                        "inventory.inlinePolicies[0].policyName must be 1 to 128 letters, digits or + = , . @ _ -"
                                + " (IAM's PolicyName), e.g. \"s3-read\"; it has another character at position 2"),
                Arguments.of("inline policy name of 129 characters", "\"inlinePolicies\": [{\"policyName\": \""
                        + "p".repeat(129) + "\"}]", "inventory.inlinePolicies[0].policyName must be 1 to 128"),
                Arguments.of("inline policy listed twice", "\"inlinePolicies\": [{\"policyName\": \"s3-read\"},"
                        + " {\"policyName\": \"s3-read\"}]", "inventory.inlinePolicies[1].policyName s3-read is"
                        + " listed twice"),
                Arguments.of("129 inline policies", list("inlinePolicies", 129, i -> "{\"policyName\": \"p" + i
                        + "\"}"), "inventory.inlinePolicies has 129 items; IAM lets a user have at most 128"),
                // attached managed policies (PolicyArn: 20 to 2048, a policy's ARN)
                Arguments.of("policy ARN missing", "\"attachedPolicies\": [{\"policyName\": \"ReadOnlyAccess\"}]",
                        "inventory.attachedPolicies[0].policyArn is required"),
                Arguments.of("policy name instead of its ARN", "\"attachedPolicies\": [{\"policyArn\":"
                        + " \"ReadOnlyAccess\"}]", "inventory.attachedPolicies[0].policyArn must be a managed policy's"
                        + " ARN, 20 to 2048 characters (IAM's PolicyArn)"),
                Arguments.of("a role's ARN as policy ARN", "\"attachedPolicies\": [{\"policyArn\":"
                        + " \"arn:aws:iam::123456789012:role/admin\"}]", "inventory.attachedPolicies[0].policyArn must"
                        + " be a managed policy's ARN"),
                Arguments.of("policy ARN of 2049 characters", "\"attachedPolicies\": [{\"policyArn\":"
                        + " \"arn:aws:iam::aws:policy/" + "p/".repeat(1012) + "ReadOnly\"}]",
                        "inventory.attachedPolicies[0].policyArn must be a managed policy's ARN, 20 to 2048"
                                + " characters (IAM's PolicyArn) of the form arn:<partition>:iam::<account id or"
                                + " aws>:policy/<path><name>, e.g. \"arn:aws:iam::aws:policy/ReadOnlyAccess\"; it is"
                                + " 2056 characters long"),
                Arguments.of("21 attached policies", list("attachedPolicies", 21,
                        i -> "{\"policyArn\": \"arn:aws:iam::aws:policy/P" + i + "\"}"),
                        "inventory.attachedPolicies has 21 items; IAM lets a user have at most 20"),
                // groups (GroupName: [\w+=,.@-]+, 1 to 128; unique regardless of case)
                Arguments.of("group name missing", "\"groups\": [{\"arn\": \"arn:aws:iam::123456789012:group/dev\"}]",
                        "inventory.groups[0].groupName is required"),
                Arguments.of("group name with a space", "\"groups\": [{\"groupName\": \"on call\"}]",
                        "inventory.groups[0].groupName must be 1 to 128 letters, digits or + = , . @ _ -"
                                + " (IAM's GroupName)"),
                Arguments.of("group listed twice in another case", "\"groups\": [{\"groupName\": \"Admins\"},"
                        + " {\"groupName\": \"admins\"}]", "inventory.groups[1].groupName admins is listed twice"
                        + " (also at inventory.groups[0])"),
                Arguments.of("eleven groups", list("groups", 11, i -> "{\"groupName\": \"g" + i + "\"}"),
                        "inventory.groups has 11 items; IAM lets a user have at most 10 groups"),
                // the inventory itself
                Arguments.of("inventory execution not an execution ARN", "\"execution\": \"run-1\"",
                        "inventory.execution must be a Step Functions execution ARN"),
                Arguments.of("another user's inventory", "\"user\": {\"arn\": \"arn:aws:iam::123456789012:user/alice\"}",
                        "inventory.user.arn is the ARN of user alice, not of inventory.userName bob"),
                Arguments.of("user ARN that is not a user's", "\"user\": {\"arn\":"
                        + " \"arn:aws:iam::123456789012:role/bob\"}", "inventory.user.arn must be an IAM user's ARN"),
                Arguments.of("a user of another account than the execution's", "\"user\": {\"arn\":"
                        + " \"arn:aws:iam::210987654321:user/bob\"}", "inventory.user.arn is a user of account"
                        + " 210987654321, but this request acts in account 123456789012 (the execution's, with no"
                        + " memberAccount)"),
                Arguments.of("a null item", "\"accessKeys\": [null]", "inventory.accessKeys[0] is null: remove it"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badItems")
    void aBadItemRefusesTheWholeRemovalBeforeAnyIamCall(String kind, String inventoryFields, String expected) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> invoke(request(inventoryFields + ", \"loginProfile\": {}", "REMOVE", false)));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().length() < 2000, "the refusal does not repeat what was sent: "
                + e.getMessage().length() + " characters");
        verifyNoInteractions(iam);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badItems")
    void aBadItemIsRefusedInADryRunAndInALockOutToo(String kind, String inventoryFields, String expected) {
        for (String mode : List.of("REMOVE", "LOCK_OUT")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> invoke(request(inventoryFields, mode, mode.equals("REMOVE"))));

            assertTrue(e.getMessage().contains(expected), mode + ": " + e.getMessage());
        }
        verifyNoInteractions(iam);
    }

    @Test
    void anInventoryOfAnotherAccountsUserIsRefusedWhereverTheRequestActs() {
        String request = request("\"user\": {\"arn\": \"arn:aws:iam::123456789012:user/bob\"}, \"loginProfile\": {}",
                "REMOVE", false).replace("\"mode\"", "\"memberAccount\": {\"accountId\": \"210987654321\","
                + " \"sessionName\": \"run-1\"}, \"mode\"");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> invoke(request));

        assertEquals(List.of("inventory.user.arn is a user of account 123456789012, but this request acts in account"
                + " 210987654321 (memberAccount): pass the memberAccount the inventory was taken in, or take the"
                + " inventory in this account"), e.problems());
        verifyNoInteractions(iam);
    }

    @Test
    void theWrongCaseOfActiveIsRefusedRatherThanReadAsInactive() {
        // Read as "not Active", the key would be deleted without being deactivated first.
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> invoke(request("\"accessKeys\": [" + key(KEY, "ACTIVE") + "]", "REMOVE", false)));

        assertEquals(List.of("inventory.accessKeys[0].status must be \"Active\" or \"Inactive\", exactly as IAM writes"
                + " it (case matters), or absent; it is \"ACTIVE\""), e.problems());
        verifyNoInteractions(iam);
    }

    @Test
    void everyBadItemIsNamedAtOnce() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> invoke(request(
                "\"accessKeys\": [" + key(KEY, "ACTIVE") + "], \"inlinePolicies\": [{\"policyName\": null}],"
                        + " \"groups\": [{\"groupName\": \"a b\"}]", "REMOVE", false)));

        assertEquals(3, e.problems().size(), e.getMessage());
        verifyNoInteractions(iam);
    }

    @Test
    void aKeyWhoseStatusIsNotGivenIsDeactivatedBeforeItIsDeleted() throws Exception {
        doReturn(AttachUserPolicyResponse.builder().build()).when(iam).attachUserPolicy(any(AttachUserPolicyRequest.class));
        doReturn(DetachUserPolicyResponse.builder().build()).when(iam).detachUserPolicy(any(DetachUserPolicyRequest.class));
        doReturn(UpdateAccessKeyResponse.builder().build()).when(iam).updateAccessKey(any(UpdateAccessKeyRequest.class));
        doReturn(DeleteAccessKeyResponse.builder().build()).when(iam).deleteAccessKey(any(DeleteAccessKeyRequest.class));

        invoke(request("\"accessKeys\": [{\"accessKeyId\": \"" + KEY + "\"}]", "REMOVE", false));

        assertEquals(List.of("attachUserPolicy", "updateAccessKey", "deleteAccessKey", "detachUserPolicy"),
                MockIam.operationsSent(iam), "a key that may be active is locked out first, behind the deny");
        verify(iam).updateAccessKey(UpdateAccessKeyRequest.builder().userName("bob").accessKeyId(KEY)
                .status(StatusType.INACTIVE).build());
    }

    @Test
    void anInventoryAtEveryQuotaIsAccepted() throws Exception {
        JsonNode plan = invoke(request(String.join(", ",
                list("accessKeys", 2, i -> key("AKIAEXAMPLE00000000" + i, "Active")),
                list("signingCertificates", 2, i -> "{\"certificateId\": \"CERTEXAMPLE0000000000000" + i
                        + "\", \"status\": \"Inactive\"}"),
                list("sshPublicKeys", 5, i -> "{\"sshPublicKeyId\": \"APKAEXAMPLE00000000" + i + "\"}"),
                list("serviceSpecificCredentials", 20, i -> "{\"serviceSpecificCredentialId\": \"ACCAEXAMPLE000000"
                        + String.format("%03d", i) + "\", \"serviceName\": \"service" + i / 2 + ".amazonaws.com\"}"),
                list("mfaDevices", 8, i -> "{\"serialNumber\": \"arn:aws:iam::123456789012:mfa/bob-" + i + "\"}"),
                list("inlinePolicies", 128, i -> "{\"policyName\": \"p" + i + "\"}"),
                list("attachedPolicies", 20, i -> "{\"policyArn\": \"arn:aws-us-gov:iam::123456789012:policy/team/"
                        + "a.b/P" + i + "\"}"),
                list("groups", 10, i -> "{\"groupName\": \"g+=,.@-_" + i + "\"}"),
                "\"execution\": \"" + EXECUTION + "\"",
                "\"user\": {\"arn\": \"arn:aws:iam::123456789012:user/division/Bob\"}"), "REMOVE", true));

        int liftingTheDeny = 1;
        assertEquals(2 + 2 + 5 + 20 + 8 + 128 + 20 + 10 + liftingTheDeny, plan.get("items").size());
        assertEquals("arn:aws:iam::aws:policy/AWSDenyAll", plan.get("items").get(plan.get("items").size() - 1)
                .get("id").asText(), "in the partition of the user's ARN");
        assertFalse(plan.get("items").isEmpty());
        verifyNoInteractions(iam);
    }
}
