package dev.offboarding.listtokens;

import dev.offboarding.testing.ConcurrencySensitive;
import dev.offboarding.testing.LoggedEvents;
import dev.offboarding.testing.MockIam;
import dev.offboarding.testing.SdkErrors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.IamAccessDeniedException;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedRequest;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.GetLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.GetLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.GetUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.GetUserResponse;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserResponse;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsRequest;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsResponse;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesRequest;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesResponse;
import software.amazon.awssdk.services.iam.model.ListSshPublicKeysRequest;
import software.amazon.awssdk.services.iam.model.ListSshPublicKeysResponse;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.SSHPublicKeyMetadata;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;
import software.amazon.awssdk.services.iam.model.SigningCertificate;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

/** list-tokens: the inventory of everything that blocks DeleteUser, read only, with the workflow's guard facts. */
class ListTokensHandlerUnitTest {
    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static final Instant CREATED = Instant.parse("2024-03-01T09:30:00Z");
    private static final String CERTIFICATE_BODY = "-----BEGIN CERTIFICATE-----MIIBszCCARygAwIBAgIJAIqQ";

    private final IamClient iam = MockIam.iamClient();
    private final LocalContext context = new LocalContext("list-tokens");
    private GuardSettings settings = GuardSettings.defaults();

    // ---- IAM as the tests describe it ---------------------------------------------------------------------------

    private void userExists(Instant passwordLastUsed, Tag... tags) {
        doReturn(GetUserResponse.builder().user(User.builder().userName("bob").userId("AIDAJQABLZS4A3QDU576Q")
                .arn("arn:aws:iam::123456789012:user/bob").path("/").createDate(CREATED)
                .passwordLastUsed(passwordLastUsed).tags(tags).build()).build())
                .when(iam).getUser(any(GetUserRequest.class));
        doThrow(SdkErrors.noSuchEntity("Login Profile for User bob cannot be found."))
                .when(iam).getLoginProfile(any(GetLoginProfileRequest.class));
        doReturn(ListAccessKeysResponse.builder().isTruncated(false).build())
                .when(iam).listAccessKeys(any(ListAccessKeysRequest.class));
        doReturn(ListSigningCertificatesResponse.builder().isTruncated(false).build())
                .when(iam).listSigningCertificates(any(ListSigningCertificatesRequest.class));
        doReturn(ListSshPublicKeysResponse.builder().isTruncated(false).build())
                .when(iam).listSSHPublicKeys(any(ListSshPublicKeysRequest.class));
        doReturn(ListServiceSpecificCredentialsResponse.builder().isTruncated(false).build())
                .when(iam).listServiceSpecificCredentials(any(ListServiceSpecificCredentialsRequest.class));
        doReturn(ListMfaDevicesResponse.builder().isTruncated(false).build())
                .when(iam).listMFADevices(any(ListMfaDevicesRequest.class));
        doReturn(ListUserPoliciesResponse.builder().isTruncated(false).build())
                .when(iam).listUserPolicies(any(ListUserPoliciesRequest.class));
        doReturn(ListAttachedUserPoliciesResponse.builder().isTruncated(false).build())
                .when(iam).listAttachedUserPolicies(any(ListAttachedUserPoliciesRequest.class));
        doReturn(ListGroupsForUserResponse.builder().isTruncated(false).build())
                .when(iam).listGroupsForUser(any(ListGroupsForUserRequest.class));
        policiesAllow();
    }

    /** What SimulatePrincipalPolicy answers for bob: these actions allowed (by policy "admins"), any other denied. */
    private void policiesAllow(String... allowed) {
        doAnswer(call -> {
            SimulatePrincipalPolicyRequest request = call.getArgument(0);
            List<EvaluationResult> results = new ArrayList<>();
            for (String action : request.actionNames()) {
                boolean allow = List.of(allowed).contains(action);
                results.add(EvaluationResult.builder().evalActionName(action).evalResourceName("*")
                        .evalDecision(allow ? PolicyEvaluationDecisionType.ALLOWED
                                : PolicyEvaluationDecisionType.IMPLICIT_DENY)
                        .matchedStatements(allow ? List.of(Statement.builder().sourcePolicyId("admins").build())
                                : List.of())
                        .build());
            }
            return SimulatePrincipalPolicyResponse.builder().evaluationResults(results).isTruncated(false).build();
        }).when(iam).simulatePrincipalPolicy(any(SimulatePrincipalPolicyRequest.class));
    }

    private void userExists() {
        userExists(null);
    }

    /** Access keys with their last use: a null date is a key never used. */
    private void accessKeys(Map<String, Instant> lastUsedById) {
        doReturn(ListAccessKeysResponse.builder().accessKeyMetadata(lastUsedById.keySet().stream().sorted()
                .map(id -> AccessKeyMetadata.builder().userName("bob").accessKeyId(id).status(StatusType.ACTIVE)
                        .createDate(CREATED).build()).toList()).isTruncated(false).build())
                .when(iam).listAccessKeys(any(ListAccessKeysRequest.class));
        doAnswer(invocation -> {
            String id = invocation.<GetAccessKeyLastUsedRequest>getArgument(0).accessKeyId();
            Instant used = lastUsedById.get(id);
            return GetAccessKeyLastUsedResponse.builder().userName("bob").accessKeyLastUsed(used == null
                    ? AccessKeyLastUsed.builder().serviceName("N/A").region("N/A").build()
                    : AccessKeyLastUsed.builder().lastUsedDate(used).serviceName("s3").region("eu-west-1").build())
                    .build();
        }).when(iam).getAccessKeyLastUsed(any(GetAccessKeyLastUsedRequest.class));
    }

    private ListTokensHandler handler() {
        return new ListTokensHandler(new IamGateway(iam), settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The inventory list-tokens answers (its {@code decision} is read by {@link #answer}). */
    private JsonNode invoke(String request) throws Exception {
        return answer(request).get("inventory");
    }

    private JsonNode answer(String request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler().handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, context);
        return Json.mapper().readTree(out.toByteArray());
    }

    private JsonNode inventoryOfBob() throws Exception {
        return invoke("{\"userName\": \"bob\"}");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }

    // ---- the inventory ------------------------------------------------------------------------------------------

    @Test
    void theInventoryListsAllNineKindsWithTheirMetadata() throws Exception {
        userExists();
        doReturn(GetLoginProfileResponse.builder().loginProfile(LoginProfile.builder().userName("bob")
                .createDate(CREATED).passwordResetRequired(true).build()).build())
                .when(iam).getLoginProfile(any(GetLoginProfileRequest.class));
        accessKeys(Map.of("AKIA1EXAMPLE", Instant.parse("2025-12-01T00:00:00Z"), "AKIA2EXAMPLE", CREATED));
        doReturn(ListSigningCertificatesResponse.builder().certificates(SigningCertificate.builder().userName("bob")
                .certificateId("CERT1").certificateBody(CERTIFICATE_BODY).status(StatusType.INACTIVE)
                .uploadDate(CREATED).build()).isTruncated(false).build())
                .when(iam).listSigningCertificates(any(ListSigningCertificatesRequest.class));
        doReturn(ListSshPublicKeysResponse.builder().sshPublicKeys(SSHPublicKeyMetadata.builder().userName("bob")
                .sshPublicKeyId("APKA1").status(StatusType.ACTIVE).uploadDate(CREATED).build())
                .isTruncated(false).build())
                .when(iam).listSSHPublicKeys(any(ListSshPublicKeysRequest.class));
        doReturn(ListServiceSpecificCredentialsResponse.builder().serviceSpecificCredentials(
                ServiceSpecificCredentialMetadata.builder().userName("bob").serviceSpecificCredentialId("ACCA1")
                        .serviceName("codecommit.amazonaws.com").serviceUserName("bob-at-123456789012")
                        .status(StatusType.ACTIVE).createDate(CREATED).build(),
                ServiceSpecificCredentialMetadata.builder().userName("bob").serviceSpecificCredentialId("ACCA2")
                        .serviceName("bedrock.amazonaws.com").serviceUserName("bob+bedrock")
                        .status(StatusType.ACTIVE).createDate(CREATED)
                        .expirationDate(Instant.parse("2026-06-01T00:00:00Z")).build())
                .isTruncated(false).build())
                .when(iam).listServiceSpecificCredentials(any(ListServiceSpecificCredentialsRequest.class));
        doReturn(ListMfaDevicesResponse.builder().mfaDevices(
                MFADevice.builder().userName("bob").serialNumber("arn:aws:iam::123456789012:mfa/bob")
                        .enableDate(CREATED).build(),
                MFADevice.builder().userName("bob").serialNumber("GAHT12345678").enableDate(CREATED).build(),
                MFADevice.builder().userName("bob").serialNumber("arn:aws:iam::123456789012:u2f/user/bob/key-ABC")
                        .enableDate(CREATED).build())
                .isTruncated(false).build())
                .when(iam).listMFADevices(any(ListMfaDevicesRequest.class));
        doReturn(ListUserPoliciesResponse.builder().policyNames("s3-read").isTruncated(false).build())
                .when(iam).listUserPolicies(any(ListUserPoliciesRequest.class));
        doReturn(GetUserPolicyResponse.builder().userName("bob").policyName("s3-read")
                .policyDocument("%7B%22Version%22%3A%20%222012-10-17%22%7D").build())
                .when(iam).getUserPolicy(any(GetUserPolicyRequest.class));
        doReturn(ListAttachedUserPoliciesResponse.builder().attachedPolicies(AttachedPolicy.builder()
                .policyName("ReadOnlyAccess").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess").build())
                .isTruncated(false).build())
                .when(iam).listAttachedUserPolicies(any(ListAttachedUserPoliciesRequest.class));
        doReturn(ListGroupsForUserResponse.builder().groups(Group.builder().groupName("developers")
                .groupId("AGPA1").arn("arn:aws:iam::123456789012:group/eng/developers").path("/eng/")
                .createDate(CREATED).build()).isTruncated(false).build())
                .when(iam).listGroupsForUser(any(ListGroupsForUserRequest.class));

        JsonNode inventory = inventoryOfBob();

        assertEquals("bob", inventory.get("userName").asText());
        assertTrue(inventory.get("exists").asBoolean());
        assertEquals("2026-01-15T10:00:00Z", inventory.get("takenAt").asText());
        assertEquals("arn:aws:iam::123456789012:user/bob", inventory.get("user").get("arn").asText());
        assertEquals("2024-03-01T09:30:00Z", inventory.get("loginProfile").get("createDate").asText());
        assertTrue(inventory.get("loginProfile").get("passwordResetRequired").asBoolean());
        assertEquals(List.of("AKIA1EXAMPLE", "AKIA2EXAMPLE"), texts(inventory.get("accessKeys"), "accessKeyId"));
        assertEquals("Active", inventory.get("accessKeys").get(0).get("status").asText());
        assertEquals("2024-03-01T09:30:00Z", inventory.get("accessKeys").get(0).get("createDate").asText());
        assertEquals("2025-12-01T00:00:00Z", inventory.get("accessKeys").get(0).get("lastUsed").get("date").asText());
        assertEquals("s3", inventory.get("accessKeys").get(0).get("lastUsed").get("serviceName").asText());
        assertEquals(List.of("CERT1"), texts(inventory.get("signingCertificates"), "certificateId"));
        assertEquals("Inactive", inventory.get("signingCertificates").get(0).get("status").asText());
        assertEquals(List.of("APKA1"), texts(inventory.get("sshPublicKeys"), "sshPublicKeyId"));
        assertEquals(List.of("codecommit.amazonaws.com", "bedrock.amazonaws.com"),
                texts(inventory.get("serviceSpecificCredentials"), "serviceName"));
        assertEquals("2026-06-01T00:00:00Z",
                inventory.get("serviceSpecificCredentials").get(1).get("expirationDate").asText());
        assertEquals(List.of("arn:aws:iam::123456789012:mfa/bob", "GAHT12345678",
                "arn:aws:iam::123456789012:u2f/user/bob/key-ABC"), texts(inventory.get("mfaDevices"), "serialNumber"));
        assertEquals(List.of("true", "false", "false"), texts(inventory.get("mfaDevices"), "virtual"));
        assertEquals("s3-read", inventory.get("inlinePolicies").get(0).get("policyName").asText());
        assertEquals("{\"Version\": \"2012-10-17\"}",
                inventory.get("inlinePolicies").get(0).get("policyDocument").asText(), "decoded, not URL-encoded");
        assertEquals(List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
                texts(inventory.get("attachedPolicies"), "policyArn"));
        assertEquals(List.of("developers"), texts(inventory.get("groups"), "groupName"));
        assertEquals("/eng/", inventory.get("groups").get(0).get("path").asText());
        assertEquals(1 + 2 + 1 + 1 + 2 + 3 + 1 + 1 + 1, inventory.get("blockerCount").asInt());
    }

    @Test
    void theInventoryReadsOnlyAndOnlyThisUsersLists() throws Exception {
        userExists();
        accessKeys(Map.of("AKIA1EXAMPLE", CREATED));

        inventoryOfBob();

        List<String> sent = MockIam.operationsSent(iam);
        assertTrue(sent.stream().allMatch(op -> op.startsWith("get") || op.startsWith("list")
                        || op.equals("simulatePrincipalPolicy")),
                "list-tokens never changes anything: " + sent);
        ArgumentCaptor<ListAccessKeysRequest> keys = ArgumentCaptor.forClass(ListAccessKeysRequest.class);
        verify(iam).listAccessKeys(keys.capture());
        assertEquals("bob", keys.getValue().userName(), "without a user name IAM would list the caller's keys");
        ArgumentCaptor<ListGroupsForUserRequest> groups = ArgumentCaptor.forClass(ListGroupsForUserRequest.class);
        verify(iam).listGroupsForUser(groups.capture());
        assertEquals("bob", groups.getValue().userName());
    }

    @ConcurrencySensitive
    void theLastUseOfEachAccessKeyIsAskedForOncePerKey() throws Exception {
        userExists();
        accessKeys(Map.of("AKIA1EXAMPLE", CREATED, "AKIA2EXAMPLE", CREATED, "AKIA3EXAMPLE", CREATED));

        inventoryOfBob();

        ArgumentCaptor<GetAccessKeyLastUsedRequest> asked = ArgumentCaptor.forClass(GetAccessKeyLastUsedRequest.class);
        verify(iam, times(3)).getAccessKeyLastUsed(asked.capture());
        // Asked side by side, so in any order.
        assertEquals(List.of("AKIA1EXAMPLE", "AKIA2EXAMPLE", "AKIA3EXAMPLE"),
                asked.getAllValues().stream().map(GetAccessKeyLastUsedRequest::accessKeyId).sorted().toList());
    }

    /**
     * An earlier run deactivated a virtual device and died before deleting it: IAM no longer lists it for bob, but
     * that run's unfinished record does, so the inventory carries it (marked recoveredFrom) and it counts as a
     * blocker: the run removes it before DeleteUser. A device IAM still lists for bob is listed once, as IAM's.
     */
    @Test
    void aVirtualDeviceAnUnfinishedRunLeftIsCarriedInTheInventoryAsRecoveredFromThatRun() throws Exception {
        userExists();
        String listed = "arn:aws:iam::123456789012:mfa/bob-phone";
        String left = "arn:aws:iam::123456789012:mfa/bob-old";
        doReturn(ListMfaDevicesResponse.builder().mfaDevices(MFADevice.builder().userName("bob").serialNumber(listed)
                .enableDate(CREATED).build()).isTruncated(false).build())
                .when(iam).listMFADevices(any(ListMfaDevicesRequest.class));
        String earlier = "arn:aws:states:us-east-1:123456789012:execution:OffboardUser:run-0";

        JsonNode answer = answer("{\"userName\": \"bob\", \"recovery\": {\"key\": \"123456789012/bob/x.json\","
                + " \"executionId\": \"" + earlier + "\", \"mfaDevices\": [\"" + listed + "\", \"" + left + "\"]}}");

        JsonNode devices = answer.path("inventory").path("mfaDevices");
        assertEquals(List.of(listed, left), texts(devices, "serialNumber"));
        assertTrue(devices.get(0).path("recoveredFrom").isMissingNode(), "IAM's own device is not a recovered one");
        assertEquals(earlier, devices.get(1).path("recoveredFrom").asText());
        assertEquals(2, answer.path("inventory").path("blockerCount").asInt());
        assertEquals("REMOVE", answer.path("decision").path("kind").asText());
    }

    @Test
    void aRecoveryThatNamesNoVirtualDeviceIsRefusedBeforeAnyIamCall() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> answer("{\"userName\": \"bob\","
                + " \"recovery\": {\"key\": \"k\", \"executionId\": \"arn:aws:states:us-east-1:123456789012:execution:"
                + "OffboardUser:run-0\", \"mfaDevices\": [\"GAHT12345678\"]}}"));

        assertTrue(e.getMessage().contains("recovery.mfaDevices: GAHT12345678 is not the serial of a virtual MFA device"),
                e.getMessage());
        assertEquals(List.of(), MockIam.operationsSent(iam));
    }

    @Test
    void aKeyNeverUsedHasALastUseWithoutDate() throws Exception {
        userExists();
        java.util.HashMap<String, Instant> keys = new java.util.HashMap<>();
        keys.put("AKIA1EXAMPLE", null);
        accessKeys(keys);

        JsonNode lastUsed = inventoryOfBob().get("accessKeys").get(0).get("lastUsed");

        assertTrue(lastUsed.get("date").isNull());
        assertEquals("N/A", lastUsed.get("serviceName").asText());
    }

    @Test
    void serviceSpecificCredentialsOfAnyServiceAreListedWithoutAServiceNameFilter() throws Exception {
        userExists();
        doReturn(ListServiceSpecificCredentialsResponse.builder().serviceSpecificCredentials(
                ServiceSpecificCredentialMetadata.builder().userName("bob").serviceSpecificCredentialId("ACCA9")
                        .serviceName("bedrock.amazonaws.com").serviceUserName("bob+bedrock")
                        .status(StatusType.ACTIVE).createDate(CREATED).build())
                .isTruncated(false).build())
                .when(iam).listServiceSpecificCredentials(any(ListServiceSpecificCredentialsRequest.class));

        JsonNode credentials = inventoryOfBob().get("serviceSpecificCredentials");

        assertEquals("bedrock.amazonaws.com", credentials.get(0).get("serviceName").asText());
        assertEquals("ACCA9", credentials.get(0).get("serviceSpecificCredentialId").asText());
        ArgumentCaptor<ListServiceSpecificCredentialsRequest> sent =
                ArgumentCaptor.forClass(ListServiceSpecificCredentialsRequest.class);
        verify(iam).listServiceSpecificCredentials(sent.capture());
        assertEquals(null, sent.getValue().serviceName(), "a ServiceName filter would hide other services");
    }

    @Test
    void accessKeysOnSeveralPagesAreAllListedEachWithItsLastUse() throws Exception {
        userExists();
        accessKeys(Map.of("AKIA1EXAMPLE", CREATED, "AKIA2EXAMPLE", CREATED));
        doAnswer(invocation -> {
            String marker = invocation.<ListAccessKeysRequest>getArgument(0).marker();
            String id = marker == null ? "AKIA1EXAMPLE" : "AKIA2EXAMPLE";
            return ListAccessKeysResponse.builder().accessKeyMetadata(AccessKeyMetadata.builder().userName("bob")
                    .accessKeyId(id).status(StatusType.ACTIVE).createDate(CREATED).build())
                    .isTruncated(marker == null).marker(marker == null ? "page-2" : null).build();
        }).when(iam).listAccessKeys(any(ListAccessKeysRequest.class));

        JsonNode inventory = inventoryOfBob();

        assertEquals(List.of("AKIA1EXAMPLE", "AKIA2EXAMPLE"), texts(inventory.get("accessKeys"), "accessKeyId"));
        ArgumentCaptor<ListAccessKeysRequest> pages = ArgumentCaptor.forClass(ListAccessKeysRequest.class);
        verify(iam, times(2)).listAccessKeys(pages.capture());
        assertEquals("page-2", pages.getAllValues().get(1).marker());
        verify(iam, times(2)).getAccessKeyLastUsed(any(GetAccessKeyLastUsedRequest.class));
    }

    @Test
    void anInlinePolicyDeletedBetweenListAndGetIsLeftOut() throws Exception {
        userExists();
        doReturn(ListUserPoliciesResponse.builder().policyNames("gone", "kept").isTruncated(false).build())
                .when(iam).listUserPolicies(any(ListUserPoliciesRequest.class));
        doAnswer(invocation -> {
            GetUserPolicyRequest request = invocation.getArgument(0);
            if (request.policyName().equals("gone")) {
                throw SdkErrors.noSuchEntity("The user policy with name gone cannot be found.");
            }
            return GetUserPolicyResponse.builder().userName("bob").policyName("kept").policyDocument("%7B%7D").build();
        }).when(iam).getUserPolicy(any(GetUserPolicyRequest.class));

        JsonNode inventory = inventoryOfBob();

        assertEquals(List.of("kept"), texts(inventory.get("inlinePolicies"), "policyName"));
        assertEquals(1, inventory.get("blockerCount").asInt());
    }

    @Test
    void aMissingUserIsExistsFalseAndNothingIsAskedAfterGetUser() throws Exception {
        doThrow(SdkErrors.noSuchEntity("The user with name bob cannot be found."))
                .when(iam).getUser(any(GetUserRequest.class));

        JsonNode inventory = inventoryOfBob();

        assertFalse(inventory.get("exists").asBoolean());
        assertEquals("bob", inventory.get("userName").asText());
        assertEquals(0, inventory.get("blockerCount").asInt());
        assertFalse(inventory.get("protected").asBoolean());
        assertFalse(inventory.get("recentlyActive").asBoolean());
        assertEquals(List.of("getUser"), MockIam.operationsSent(iam));
    }

    @Test
    void throttlingWhileTakingTheInventoryIsRetryable() {
        userExists();
        doThrow(SdkErrors.throttling()).when(iam).listMFADevices(any(ListMfaDevicesRequest.class));

        assertThrows(IamRetryableException.class, this::inventoryOfBob);
    }

    @Test
    void aDeniedGetUserIsADeploymentErrorNotAMissingUser() {
        doThrow(SdkErrors.accessDenied("GetUser")).when(iam).getUser(any(GetUserRequest.class));

        IamAccessDeniedException e = assertThrows(IamAccessDeniedException.class, this::inventoryOfBob);
        assertTrue(e.getMessage().contains("iam:GetUser"), e.getMessage());
    }

    @Test
    void theOutputHasNoSecretLookingFieldOrValue() throws Exception {
        userExists(Instant.parse("2026-01-14T00:00:00Z"));
        doReturn(GetLoginProfileResponse.builder().loginProfile(LoginProfile.builder().userName("bob")
                .createDate(CREATED).passwordResetRequired(false).build()).build())
                .when(iam).getLoginProfile(any(GetLoginProfileRequest.class));
        accessKeys(Map.of("AKIA1EXAMPLE", CREATED));
        doReturn(ListSigningCertificatesResponse.builder().certificates(SigningCertificate.builder().userName("bob")
                .certificateId("CERT1").certificateBody(CERTIFICATE_BODY).status(StatusType.ACTIVE)
                .uploadDate(CREATED).build()).isTruncated(false).build())
                .when(iam).listSigningCertificates(any(ListSigningCertificatesRequest.class));
        doReturn(ListServiceSpecificCredentialsResponse.builder().serviceSpecificCredentials(
                ServiceSpecificCredentialMetadata.builder().userName("bob").serviceSpecificCredentialId("ACCA1")
                        .serviceName("codecommit.amazonaws.com").serviceUserName("bob-at-123456789012")
                        .status(StatusType.ACTIVE).createDate(CREATED).build()).isTruncated(false).build())
                .when(iam).listServiceSpecificCredentials(any(ListServiceSpecificCredentialsRequest.class));

        JsonNode inventory = inventoryOfBob();

        Pattern secretLooking = Pattern.compile(
                "(?i).*(secret|servicepassword|privatekey|sessiontoken|credentialsecret|body|^password$).*");
        List<String> fields = new ArrayList<>();
        collectFieldNames(inventory, fields);
        assertTrue(fields.contains("accessKeyId"), "the walk saw the inventory: " + fields);
        List<String> suspicious = fields.stream().filter(f -> secretLooking.matcher(f).matches()).toList();
        assertEquals(List.of(), suspicious);
        assertFalse(inventory.toString().contains("BEGIN CERTIFICATE"), "no certificate body in the output");
    }

    private static void collectFieldNames(JsonNode node, List<String> names) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                names.add(field.getKey());
                collectFieldNames(field.getValue(), names);
            }
        } else if (node.isArray()) {
            node.forEach(item -> collectFieldNames(item, names));
        }
    }

    @Test
    void theInvocationIsLoggedAsOneJsonLineNamingTheExecutionTheUserAndTheGuardFacts() throws Exception {
        userExists();
        accessKeys(Map.of("AKIA1EXAMPLE", CREATED));

        invoke("{\"userName\": \"bob\", \"execution\": "
                + "\"arn:aws:states:us-east-1:123456789012:execution:OffboardUser:run-1\"}");

        assertEquals(List.of("{\"event\":\"inventory-taken\","
                + "\"execution\":\"arn:aws:states:us-east-1:123456789012:execution:OffboardUser:run-1\","
                + "\"userName\":\"bob\",\"exists\":true,\"blockers\":1,\"protected\":false,\"recentlyActive\":false,\"privileged\":false,"
                + "\"decision\":\"REMOVE\"}"),
                LoggedEvents.of(context));
    }

    @Test
    void invokedOutsideAWorkflowTheLogLineSaysSo() throws Exception {
        userExists();

        inventoryOfBob();

        assertTrue(LoggedEvents.of(context).get(0).contains("\"execution\":null,\"userName\":\"bob\""),
                LoggedEvents.of(context).toString());
    }

    // ---- the guards ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}={1} -> protected {2}")
    @CsvSource({
        "offboarding:protected, true, true",
        "offboarding:protected, TRUE, true",
        "offboarding:protected, false, true",
        "offboarding:protected, yes, true",
        "offboarding:protected, 1, true",
        "offboarding:protected, '', true",
        "offboarding:Protected, true, true",
        "OFFBOARDING:PROTECTED, no, true",
        "protected, true, false",
        "offboarding:protected-not, true, false",
    })
    void theProtectionTagProtectsWhateverTheCaseOfItsKeyAndWhateverItsValue(String key, String value,
                                                                            boolean isProtected)
            throws Exception {
        userExists(null, Tag.builder().key("team").value("data").build(), Tag.builder().key(key).value(value).build());

        assertEquals(isProtected, inventoryOfBob().get("protected").asBoolean());
    }

    @Test
    void aUserWithAdministratorAccessAttachedIsPrivileged() throws Exception {
        userExists();
        doReturn(ListAttachedUserPoliciesResponse.builder().attachedPolicies(AttachedPolicy.builder()
                .policyName("AdministratorAccess").policyArn("arn:aws:iam::aws:policy/AdministratorAccess").build())
                .isTruncated(false).build()).when(iam).listAttachedUserPolicies(any(ListAttachedUserPoliciesRequest.class));

        JsonNode inventory = inventoryOfBob();

        assertTrue(inventory.get("privileged").asBoolean());
        assertTrue(inventory.get("privilegeReasons").get(0).asText().contains("AdministratorAccess is attached"),
                inventory.get("privilegeReasons").toString());
    }

    @Test
    void iamFullAccessInTheGovCloudPartitionIsPrivilegedToo() throws Exception {
        userExists();
        doReturn(ListAttachedUserPoliciesResponse.builder().attachedPolicies(AttachedPolicy.builder()
                .policyName("IAMFullAccess").policyArn("arn:aws-us-gov:iam::aws:policy/IAMFullAccess").build())
                .isTruncated(false).build()).when(iam).listAttachedUserPolicies(any(ListAttachedUserPoliciesRequest.class));

        assertTrue(inventoryOfBob().get("privileged").asBoolean());
    }

    @Test
    void aUserWhosePoliciesAllowEscalationIsPrivilegedNamingThePolicy() throws Exception {
        userExists();
        policiesAllow("iam:PutUserPolicy", "iam:AttachRolePolicy");

        JsonNode inventory = inventoryOfBob();

        assertTrue(inventory.get("privileged").asBoolean());
        assertEquals("its policies allow iam:PutUserPolicy, iam:AttachRolePolicy on every resource (through admins)",
                inventory.get("privilegeReasons").get(0).asText());
    }

    @Test
    void theUsersOwnPoliciesAreSimulatedForTheEscalationActionsInTheSameRoundAsTheOtherDetails() throws Exception {
        userExists();

        JsonNode inventory = inventoryOfBob();

        assertFalse(inventory.get("privileged").asBoolean());
        assertEquals(0, inventory.get("privilegeReasons").size());
        ArgumentCaptor<SimulatePrincipalPolicyRequest> sent = ArgumentCaptor.forClass(SimulatePrincipalPolicyRequest.class);
        verify(iam).simulatePrincipalPolicy(sent.capture());
        assertEquals("arn:aws:iam::123456789012:user/bob", sent.getValue().policySourceArn());
        assertEquals(Privileges.ESCALATION_ACTIONS, sent.getValue().actionNames());
    }

    @Test
    void theSimulationActsAsAPersonSignedInWithMfaOverTls() throws Exception {
        userExists();

        inventoryOfBob();

        ArgumentCaptor<SimulatePrincipalPolicyRequest> sent = ArgumentCaptor.forClass(SimulatePrincipalPolicyRequest.class);
        verify(iam).simulatePrincipalPolicy(sent.capture());
        assertEquals(List.of("aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge", "aws:SecureTransport"),
                sent.getValue().contextEntries().stream().map(e -> e.contextKeyName()).toList());
    }

    @Test
    void aDenialThatDependsOnAConditionTheSimulationCannotKnowCountsAsPrivileged() throws Exception {
        userExists();
        doAnswer(call -> {
            SimulatePrincipalPolicyRequest request = call.getArgument(0);
            return SimulatePrincipalPolicyResponse.builder().evaluationResults(request.actionNames().stream()
                    .map(a -> EvaluationResult.builder().evalActionName(a).evalResourceName("*")
                            .evalDecision(PolicyEvaluationDecisionType.IMPLICIT_DENY)
                            .missingContextValues("aws:SourceIp").build()).toList()).isTruncated(false).build();
        }).when(iam).simulatePrincipalPolicy(any(SimulatePrincipalPolicyRequest.class));

        JsonNode inventory = inventoryOfBob();

        assertTrue(inventory.get("privileged").asBoolean());
        assertTrue(inventory.get("privilegeReasons").get(0).asText().contains("depending on aws:SourceIp"),
                inventory.get("privilegeReasons").toString());
    }

    @Test
    void aSimulationThatAnswersForNoActionCountsAsPrivileged() throws Exception {
        userExists();
        doReturn(SimulatePrincipalPolicyResponse.builder().isTruncated(false).build())
                .when(iam).simulatePrincipalPolicy(any(SimulatePrincipalPolicyRequest.class));

        JsonNode inventory = inventoryOfBob();

        assertTrue(inventory.get("privileged").asBoolean());
        assertTrue(inventory.get("privilegeReasons").get(0).asText().contains("gave no answer for iam:AttachUserPolicy"),
                inventory.get("privilegeReasons").toString());
    }

    @Test
    void aUserTheSimulationDoesNotFindCountsAsPrivileged() throws Exception {
        userExists();
        doThrow(SdkErrors.noSuchEntity("The user with name bob cannot be found."))
                .when(iam).simulatePrincipalPolicy(any(SimulatePrincipalPolicyRequest.class));

        JsonNode inventory = inventoryOfBob();

        assertTrue(inventory.get("privileged").asBoolean());
        assertTrue(inventory.get("privilegeReasons").get(0).asText().contains("could not simulate"),
                inventory.get("privilegeReasons").toString());
    }

    @Test
    void aSimulationThatFailsFailsTheInventoryRatherThanCallingTheUserUnprivileged() throws Exception {
        userExists();
        doThrow(SdkErrors.accessDenied("SimulatePrincipalPolicy"))
                .when(iam).simulatePrincipalPolicy(any(SimulatePrincipalPolicyRequest.class));

        assertThrows(IamAccessDeniedException.class, this::inventoryOfBob);
    }

    @Test
    void theProtectedTagKeyIsTheConfiguredOne() throws Exception {
        settings = new GuardSettings("acme:keep", 7);
        userExists(null, Tag.builder().key("acme:keep").value("true").build());

        assertTrue(inventoryOfBob().get("protected").asBoolean());
    }

    @Test
    void theDefaultTagKeyNoLongerProtectsOnceAnotherIsConfigured() throws Exception {
        settings = new GuardSettings("acme:keep", 7);
        userExists(null, Tag.builder().key("offboarding:protected").value("true").build());

        assertFalse(inventoryOfBob().get("protected").asBoolean());
    }

    @Test
    void aKeyUsedWithinTheWindowMakesTheUserRecentlyActiveAndIsNamedAsLastActivity() throws Exception {
        userExists(NOW.minus(Duration.ofDays(20)));
        accessKeys(Map.of("AKIA1EXAMPLE", NOW.minus(Duration.ofDays(30)), "AKIA2EXAMPLE", NOW.minus(Duration.ofDays(2))));

        JsonNode inventory = inventoryOfBob();

        assertTrue(inventory.get("recentlyActive").asBoolean());
        JsonNode last = inventory.get("lastActivity");
        assertEquals("ACCESS_KEY", last.get("kind").asText());
        assertEquals("AKIA2EXAMPLE", last.get("id").asText());
        assertEquals("2026-01-13T10:00:00Z", last.get("at").asText());
        assertEquals("s3", last.get("serviceName").asText());
        assertEquals("eu-west-1", last.get("region").asText());
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"userName\": \"bob\"}|REFUSE|RECENTLY_ACTIVE|FIRST",
        "{\"userName\": \"bob\", \"force\": true}|REMOVE||FIRST",
        "{\"userName\": \"bob\", \"quarantineDays\": 7}|LOCK_OUT||FIRST",
        "{\"userName\": \"bob\", \"dryRun\": true}|DRY_RUN|RECENTLY_ACTIVE|FIRST",
        "{\"userName\": \"bob\", \"phase\": \"AGAIN\"}|REMOVE||AGAIN",
        "{\"userName\": \"bob\", \"phase\": \"LAST\"}|GIVE_UP||LAST"})
    void theInventoryComesWithWhatItMeansForTheRequestAtTheLookTheWorkflowSays(String request, String kind,
                                                                              String refusedBy, String phase)
            throws Exception {
        userExists(NOW.minus(Duration.ofDays(20)));
        accessKeys(Map.of("AKIA2EXAMPLE", NOW.minus(Duration.ofDays(2))));

        JsonNode decision = answer(request).get("decision");

        assertEquals(kind, decision.get("kind").asText());
        assertEquals(phase, decision.get("phase").asText());
        assertEquals(refusedBy == null ? "null" : refusedBy, decision.get("refusedBy").asText("null"));
    }

    @Test
    void aPasswordUsedAfterEveryKeyIsTheLastActivity() throws Exception {
        userExists(NOW.minus(Duration.ofHours(3)));
        accessKeys(Map.of("AKIA1EXAMPLE", NOW.minus(Duration.ofDays(5))));

        JsonNode inventory = inventoryOfBob();

        assertTrue(inventory.get("recentlyActive").asBoolean());
        assertEquals("LOGIN_PROFILE", inventory.get("lastActivity").get("kind").asText());
        assertEquals("2026-01-15T07:00:00Z", inventory.get("lastActivity").get("at").asText());
    }

    @Test
    void useOlderThanTheWindowIsNotRecentButStillTheLastActivity() throws Exception {
        userExists(NOW.minus(Duration.ofDays(9)));
        accessKeys(Map.of("AKIA1EXAMPLE", NOW.minus(Duration.ofDays(8))));

        JsonNode inventory = inventoryOfBob();

        assertFalse(inventory.get("recentlyActive").asBoolean());
        assertEquals("AKIA1EXAMPLE", inventory.get("lastActivity").get("id").asText());
    }

    @Test
    void useExactlyAWindowAgoIsNoLongerRecent() throws Exception {
        userExists(NOW.minus(Duration.ofDays(7)));

        assertFalse(inventoryOfBob().get("recentlyActive").asBoolean());
    }

    @Test
    void useJustInsideTheWindowIsRecent() throws Exception {
        userExists(NOW.minus(Duration.ofDays(7)).plusSeconds(1));

        assertTrue(inventoryOfBob().get("recentlyActive").asBoolean());
    }

    @Test
    void aLongerConfiguredWindowCountsOlderUse() throws Exception {
        settings = new GuardSettings(GuardSettings.DEFAULT_PROTECTED_TAG_KEY, 30);
        userExists();
        accessKeys(Map.of("AKIA1EXAMPLE", NOW.minus(Duration.ofDays(20))));

        assertTrue(inventoryOfBob().get("recentlyActive").asBoolean());
    }

    @Test
    void aWindowOfZeroDaysTurnsTheCheckOff() throws Exception {
        settings = new GuardSettings(GuardSettings.DEFAULT_PROTECTED_TAG_KEY, 0);
        // Even a use IAM stamped a moment ahead of the function's clock: off means off.
        userExists(NOW.plus(Duration.ofSeconds(30)));

        JsonNode inventory = inventoryOfBob();

        assertFalse(inventory.get("recentlyActive").asBoolean());
        assertEquals("LOGIN_PROFILE", inventory.get("lastActivity").get("kind").asText(), "still reported");
    }

    @Test
    void aUserWhoNeverUsedAnyCredentialHasNoLastActivity() throws Exception {
        userExists();
        java.util.HashMap<String, Instant> keys = new java.util.HashMap<>();
        keys.put("AKIA1EXAMPLE", null);
        accessKeys(keys);

        JsonNode inventory = inventoryOfBob();

        assertTrue(inventory.get("lastActivity").isNull());
        assertFalse(inventory.get("recentlyActive").asBoolean());
    }

    // ---- the request ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "{}",
        "{\"userName\": \"\"}",
        "{\"userName\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}",
        "{\"userName\": \"bo b\"}",
        "{\"userName\": \"staff/bob\"}",
        "{\"userName\": \"bob#1\"}",
        "{\"userName\": \"björn\"}",
        "{\"userName\": 123}",
        "{\"userName\": \"bob\", \"dryRun\": \"yes\"}",
        "{\"userName\": \"bob\", \"dryRun\": 1}",
        "{\"userName\": \"bob\", \"quarantineDays\": \"3\"}",
        "{\"userName\": \"bob\", \"quarantineDays\": 1.5}",
        "{\"userName\": \"bob\", \"dryrun\": true}",
        "{\"userName\": \"bob\", \"dryrun\": \"yes\"}",
        "{\"userName\": \"bob\", \"accountId\": \"12345\"}",
        "{\"userName\": \"bob\", \"accountId\": 123456789012}",
        "not json",
        "[{\"userName\": \"bob\"}]",
        "",
        "null",
    })
    void aMalformedRequestIsRefusedBeforeAnyIamCall(String request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> handler().handleRequest(
                new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, context));

        verifyNoInteractions(iam);
        assertEquals(0, out.size());
        assertTrue(e.getMessage().startsWith("Invalid request: "), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0} names {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"userName\": 123}|\"userName\" must be a string",
        "{\"userName\": \"bob\", \"dryRun\": \"yes\"}|\"dryRun\" must be true or false",
        "{\"userName\": \"bob\", \"dryRun\": 1}|\"dryRun\" must be true or false",
        "{\"userName\": \"bob\", \"quarantineDays\": \"3\"}|\"quarantineDays\" must be a whole number",
        "{\"userName\": \"bob\", \"quarantineDays\": 1.5}|\"quarantineDays\" must be a whole number",
        "{\"userName\": \"bob\", \"dryrun\": true}|unknown field \"dryrun\"",
        "{\"userName\": \"bob\", \"accountId\": \"12345\"}|accountId must be a 12-digit AWS account id",
        "{\"userName\": \"bo b\"}|userName contains the character U+0020",
        "{}|userName is required",
    })
    void theRefusalNamesTheFieldAndWhatItMustBe(String request, String expected) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> handler().handleRequest(
                new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                context));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
        verifyNoInteractions(iam);
    }

    @Test
    void theWholeOffboardingRequestIsAccepted() throws Exception {
        userExists();

        JsonNode inventory = invoke("{\"userName\": \"bob\", \"accountId\": \"123456789012\", \"dryRun\": true,"
                + " \"force\": false, \"quarantineDays\": 3, \"reason\": \"left the company\","
                + " \"requestedBy\": \"hr@example.com\"}");

        assertTrue(inventory.get("exists").asBoolean());
    }
}
