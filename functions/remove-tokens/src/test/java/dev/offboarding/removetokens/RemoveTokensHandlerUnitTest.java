package dev.offboarding.removetokens;

import dev.offboarding.testing.ConcurrencySensitive;
import dev.offboarding.testing.LoggedEvents;
import dev.offboarding.testing.MockIam;
import dev.offboarding.testing.SdkErrors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.Partitions;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.model.AccessKey;
import dev.offboarding.model.AttachedPolicy;
import dev.offboarding.model.GroupMembership;
import dev.offboarding.model.InlinePolicy;
import dev.offboarding.model.LoginProfile;
import dev.offboarding.model.MfaDevice;
import dev.offboarding.model.ServiceSpecificCredential;
import dev.offboarding.model.SigningCertificate;
import dev.offboarding.model.SshPublicKey;
import dev.offboarding.model.UserDetails;
import dev.offboarding.model.UserInventory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.mockito.stubbing.Answer;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.DeactivateMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeactivateMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.DeleteServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.DeleteSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.DeleteSigningCertificateResponse;
import software.amazon.awssdk.services.iam.model.DeleteSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteSshPublicKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.EntityTemporarilyUnmodifiableException;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.RemoveUserFromGroupRequest;
import software.amazon.awssdk.services.iam.model.RemoveUserFromGroupResponse;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.UpdateServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.UpdateServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.UpdateSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.UpdateSigningCertificateResponse;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyResponse;

/** remove-tokens: removes what an inventory lists, in a safe order, idempotently; a dry run calls nothing. */
class RemoveTokensHandlerUnitTest {
    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00.750Z");
    private static final Instant CREATED = Instant.parse("2024-03-01T09:30:00Z");
    private static final String VIRTUAL_MFA = "arn:aws:iam::123456789012:mfa/bob";
    private static final String HARDWARE_MFA = "GAHT12345678";
    private static final String FIDO_MFA = "arn:aws:iam::123456789012:u2f/user/bob/key-ABC";
    private static final String POLICY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";

    private final IamClient iam = MockIam.iamClient();
    private final LocalContext context = new LocalContext("remove-tokens");
    private final List<Duration> pauses = new ArrayList<>();
    private final Pause recordingPause = pauses::add;

    /** Everything the nine kinds can hold: an active and an inactive key, and all three kinds of MFA device. */
    private static UserInventory fullInventory() {
        UserDetails user = new UserDetails("arn:aws:iam::123456789012:user/bob", "AIDA1", "/", CREATED, null, null,
                List.of());
        return new UserInventory("bob", true, user, new LoginProfile(CREATED, false),
                List.of(new AccessKey("AKIA1ACTIVEKEY000001", "Active", CREATED, null),
                        new AccessKey("AKIA2INACTIVEKEY0002", "Inactive", CREATED, null)),
                List.of(new SigningCertificate("CERT1EXAMPLE000000000001", "Active", CREATED)),
                List.of(new SshPublicKey("APKA1EXAMPLE00000001", "Active", CREATED)),
                List.of(new ServiceSpecificCredential("ACCA1EXAMPLE00000001", "bedrock.amazonaws.com", "bob+bedrock", "Active",
                        CREATED, null)),
                List.of(new MfaDevice(VIRTUAL_MFA, CREATED), new MfaDevice(HARDWARE_MFA, CREATED),
                        new MfaDevice(FIDO_MFA, CREATED)),
                List.of(new InlinePolicy("s3-read", "{}")),
                List.of(new AttachedPolicy("ReadOnlyAccess", POLICY_ARN)),
                List.of(new GroupMembership("developers", "arn:aws:iam::123456789012:group/developers", "/")),
                null, false, false, false, null, CREATED, null);
    }

    /**
     * The IAM calls answered by {@link #noted}, in the order they arrived. Calls come from a pool, so this, not
     * Mockito's InOrder (which counts adjacent matching calls as one chunk), is what order assertions read.
     */
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());

    /** IAM's answer {@code response}, after noting in {@link #received} that the call arrived. */
    private Answer<Object> noted(Object response) {
        return invocation -> {
            received.add(invocation.getMethod().getName());
            return response;
        };
    }

    /** IAM lists the devices of the full inventory as assigned to bob now. */
    private void iamListsTheInventorysMfaDevicesAsBobs() {
        doReturn(ListMfaDevicesResponse.builder().mfaDevices(Stream.of(VIRTUAL_MFA, HARDWARE_MFA, FIDO_MFA)
                .map(serial -> MFADevice.builder().userName("bob").serialNumber(serial).enableDate(CREATED).build())
                .toList()).isTruncated(false).build()).when(iam).listMFADevices(any(ListMfaDevicesRequest.class));
    }

    private void iamAcceptsEveryRemoval() {
        iamListsTheInventorysMfaDevicesAsBobs();
        doAnswer(noted(AttachUserPolicyResponse.builder().build()))
                .when(iam).attachUserPolicy(any(AttachUserPolicyRequest.class));
        doAnswer(noted(UpdateAccessKeyResponse.builder().build()))
                .when(iam).updateAccessKey(any(UpdateAccessKeyRequest.class));
        doAnswer(noted(DeleteAccessKeyResponse.builder().build()))
                .when(iam).deleteAccessKey(any(DeleteAccessKeyRequest.class));
        doAnswer(noted(DeleteLoginProfileResponse.builder().build()))
                .when(iam).deleteLoginProfile(any(DeleteLoginProfileRequest.class));
        doAnswer(noted(UpdateSigningCertificateResponse.builder().build()))
                .when(iam).updateSigningCertificate(any(UpdateSigningCertificateRequest.class));
        doAnswer(noted(DeleteSigningCertificateResponse.builder().build()))
                .when(iam).deleteSigningCertificate(any(DeleteSigningCertificateRequest.class));
        doAnswer(noted(UpdateSshPublicKeyResponse.builder().build()))
                .when(iam).updateSSHPublicKey(any(UpdateSshPublicKeyRequest.class));
        doAnswer(noted(DeleteSshPublicKeyResponse.builder().build()))
                .when(iam).deleteSSHPublicKey(any(DeleteSshPublicKeyRequest.class));
        doAnswer(noted(UpdateServiceSpecificCredentialResponse.builder().build()))
                .when(iam).updateServiceSpecificCredential(any(UpdateServiceSpecificCredentialRequest.class));
        doAnswer(noted(DeleteServiceSpecificCredentialResponse.builder().build()))
                .when(iam).deleteServiceSpecificCredential(any(DeleteServiceSpecificCredentialRequest.class));
        doAnswer(noted(DeactivateMfaDeviceResponse.builder().build()))
                .when(iam).deactivateMFADevice(any(DeactivateMfaDeviceRequest.class));
        doAnswer(noted(DeleteVirtualMfaDeviceResponse.builder().build()))
                .when(iam).deleteVirtualMFADevice(any(DeleteVirtualMfaDeviceRequest.class));
        doAnswer(noted(DeleteUserPolicyResponse.builder().build()))
                .when(iam).deleteUserPolicy(any(DeleteUserPolicyRequest.class));
        doAnswer(noted(DetachUserPolicyResponse.builder().build()))
                .when(iam).detachUserPolicy(any(DetachUserPolicyRequest.class));
        doAnswer(noted(RemoveUserFromGroupResponse.builder().build()))
                .when(iam).removeUserFromGroup(any(RemoveUserFromGroupRequest.class));
    }

    private RemoveTokensHandler handler() {
        return new RemoveTokensHandler(new IamGateway(iam), recordingPause, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String request(UserInventory inventory, String mode, Boolean dryRun, Integer quarantineDays) {
        ObjectNode request = Json.mapper().createObjectNode();
        request.set("inventory", Json.mapper().valueToTree(inventory));
        request.put("mode", mode);
        if (dryRun != null) {
            request.put("dryRun", dryRun);
        }
        if (quarantineDays != null) {
            request.put("quarantineDays", quarantineDays);
        }
        return request.toString();
    }

    private JsonNode invoke(String request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler().handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, context);
        return Json.mapper().readTree(out.toByteArray());
    }

    /** The result's items as "KIND id ACTION". */
    private static List<String> items(JsonNode result) {
        List<String> items = new ArrayList<>();
        result.get("items").forEach(i -> items.add(i.get("kind").asText() + " " + i.get("id").asText() + " "
                + i.get("action").asText()));
        return items;
    }

    private static boolean isDestructive(String operation) {
        return operation.startsWith("delete") || operation.startsWith("detach") || operation.startsWith("remove");
    }

    // ---- REMOVE -------------------------------------------------------------------------------------------------

    /**
     * The deny of every action comes first, then the lock-out (deactivating keys, deleting the console password),
     * before any removal; the deny is lifted last. The calls of one phase run side by side on a pool, so their
     * relative order is not guaranteed and is not asserted; the order of the phases is. It is read from the order in
     * which IAM received the calls ({@link #received}).
     */
    @ConcurrencySensitive
    void removeDeactivatesActiveKeysBeforeAnythingIsDeleted() throws Exception {
        iamAcceptsEveryRemoval();

        invoke(request(fullInventory(), "REMOVE", null, null));

        List<String> order = List.copyOf(received);
        List<Integer> deactivations = positionsOf(order, op -> op.equals("updateAccessKey"));
        List<Integer> password = positionsOf(order, op -> op.equals("deleteLoginProfile"));
        List<Integer> removals = positionsOf(order, op -> isDestructive(op) && !op.equals("deleteLoginProfile"));
        assertEquals(List.of(0), positionsOf(order, op -> op.equals("attachUserPolicy")), "the deny first: " + order);
        assertEquals(1, deactivations.size(), order.toString());
        assertEquals(1, password.size(), order.toString());
        assertEquals(9 + 1, removals.size(), "every removal, and the deny lifted last: " + order);
        assertEquals(order.size() - 1, Collections.max(removals), order.toString());
        assertTrue(Collections.max(deactivations) < Collections.min(password),
                "every key is deactivated before the password is deleted: " + order);
        assertTrue(Collections.max(password) < Collections.min(removals),
                "no key or password works once removal starts: " + order);
    }

    private static List<Integer> positionsOf(List<String> order, Predicate<String> which) {
        return IntStream.range(0, order.size()).filter(i -> which.test(order.get(i))).boxed().toList();
    }

    @Test
    void removeDeactivatesOnlyTheKeysThatAreStillActive() throws Exception {
        iamAcceptsEveryRemoval();

        invoke(request(fullInventory(), "REMOVE", null, null));

        ArgumentCaptor<UpdateAccessKeyRequest> deactivated = ArgumentCaptor.forClass(UpdateAccessKeyRequest.class);
        verify(iam).updateAccessKey(deactivated.capture());
        assertEquals("AKIA1ACTIVEKEY000001", deactivated.getValue().accessKeyId());
        assertEquals("bob", deactivated.getValue().userName());
        assertEquals(StatusType.INACTIVE, deactivated.getValue().status());
    }

    @Test
    void removeRemovesEveryItemOfTheInventoryAndReportsEachWithKindIdAndAction() throws Exception {
        iamAcceptsEveryRemoval();

        JsonNode result = invoke(request(fullInventory(), "REMOVE", null, null));

        assertEquals(List.of(
                "LOGIN_PROFILE bob DELETED",
                "ACCESS_KEY AKIA1ACTIVEKEY000001 DELETED",
                "ACCESS_KEY AKIA2INACTIVEKEY0002 DELETED",
                "SIGNING_CERTIFICATE CERT1EXAMPLE000000000001 DELETED",
                "SSH_PUBLIC_KEY APKA1EXAMPLE00000001 DELETED",
                "SERVICE_SPECIFIC_CREDENTIAL ACCA1EXAMPLE00000001 DELETED",
                "MFA_DEVICE " + VIRTUAL_MFA + " DELETED",
                "MFA_DEVICE " + HARDWARE_MFA + " DEACTIVATED",
                "MFA_DEVICE " + FIDO_MFA + " DEACTIVATED",
                "INLINE_POLICY s3-read DELETED",
                "ATTACHED_POLICY " + POLICY_ARN + " DETACHED",
                "GROUP_MEMBERSHIP developers REMOVED",
                "ATTACHED_POLICY " + DENY_ALL + " DETACHED"), items(result));
        assertEquals(Json.mapper().createObjectNode().put("how", "MANAGED_POLICY").put("policy", DENY_ALL)
                .put("attachedAt", "2026-01-15T10:00:00.750Z").put("alreadyInPlace", false), result.get("deny"));
        assertEquals("bob", result.get("userName").asText());
        assertEquals("REMOVE", result.get("mode").asText());
        assertFalse(result.get("dryRun").asBoolean());
        assertTrue(result.get("quarantineUntil").isNull());
    }

    @ConcurrencySensitive
    void removeSendsEachRemovalForThisUserAndTheListedIds() throws Exception {
        iamAcceptsEveryRemoval();

        invoke(request(fullInventory(), "REMOVE", null, null));

        ArgumentCaptor<DeleteLoginProfileRequest> profile = ArgumentCaptor.forClass(DeleteLoginProfileRequest.class);
        verify(iam).deleteLoginProfile(profile.capture());
        assertEquals("bob", profile.getValue().userName());
        ArgumentCaptor<DeleteAccessKeyRequest> keys = ArgumentCaptor.forClass(DeleteAccessKeyRequest.class);
        verify(iam, times(2)).deleteAccessKey(keys.capture());
        // The removals run side by side, so the calls may arrive in any order.
        assertEquals(List.of("AKIA1ACTIVEKEY000001", "AKIA2INACTIVEKEY0002"),
                keys.getAllValues().stream().map(DeleteAccessKeyRequest::accessKeyId).sorted().toList());
        assertTrue(keys.getAllValues().stream().allMatch(r -> "bob".equals(r.userName())));
        ArgumentCaptor<DeleteSigningCertificateRequest> certificate =
                ArgumentCaptor.forClass(DeleteSigningCertificateRequest.class);
        verify(iam).deleteSigningCertificate(certificate.capture());
        assertEquals("CERT1EXAMPLE000000000001", certificate.getValue().certificateId());
        assertEquals("bob", certificate.getValue().userName());
        ArgumentCaptor<DeleteSshPublicKeyRequest> ssh = ArgumentCaptor.forClass(DeleteSshPublicKeyRequest.class);
        verify(iam).deleteSSHPublicKey(ssh.capture());
        assertEquals("APKA1EXAMPLE00000001", ssh.getValue().sshPublicKeyId());
        assertEquals("bob", ssh.getValue().userName());
        ArgumentCaptor<DeleteServiceSpecificCredentialRequest> credential =
                ArgumentCaptor.forClass(DeleteServiceSpecificCredentialRequest.class);
        verify(iam).deleteServiceSpecificCredential(credential.capture());
        assertEquals("ACCA1EXAMPLE00000001", credential.getValue().serviceSpecificCredentialId());
        assertEquals("bob", credential.getValue().userName());
        ArgumentCaptor<DeleteUserPolicyRequest> inline = ArgumentCaptor.forClass(DeleteUserPolicyRequest.class);
        verify(iam).deleteUserPolicy(inline.capture());
        assertEquals("s3-read", inline.getValue().policyName());
        assertEquals("bob", inline.getValue().userName());
        ArgumentCaptor<DetachUserPolicyRequest> detached = ArgumentCaptor.forClass(DetachUserPolicyRequest.class);
        verify(iam, times(2)).detachUserPolicy(detached.capture());
        assertEquals(List.of(POLICY_ARN, DENY_ALL), detached.getAllValues().stream()
                .map(DetachUserPolicyRequest::policyArn).toList(), "the deny last, once the rest is gone");
        assertTrue(detached.getAllValues().stream().allMatch(r -> "bob".equals(r.userName())));
        ArgumentCaptor<AttachUserPolicyRequest> denied = ArgumentCaptor.forClass(AttachUserPolicyRequest.class);
        verify(iam).attachUserPolicy(denied.capture());
        assertEquals(AttachUserPolicyRequest.builder().userName("bob").policyArn(DENY_ALL).build(), denied.getValue());
        ArgumentCaptor<RemoveUserFromGroupRequest> group = ArgumentCaptor.forClass(RemoveUserFromGroupRequest.class);
        verify(iam).removeUserFromGroup(group.capture());
        assertEquals("developers", group.getValue().groupName());
        assertEquals("bob", group.getValue().userName());
    }

    @ConcurrencySensitive
    void aVirtualMfaDeviceIsDeactivatedThenDeletedAndHardwareOrFidoDevicesOnlyDeactivated() throws Exception {
        iamAcceptsEveryRemoval();

        invoke(request(fullInventory(), "REMOVE", null, null));

        InOrder order = inOrder(iam);
        order.verify(iam).deactivateMFADevice(argThat((DeactivateMfaDeviceRequest r) ->
                VIRTUAL_MFA.equals(r.serialNumber()) && "bob".equals(r.userName())));
        order.verify(iam).deleteVirtualMFADevice(argThat((DeleteVirtualMfaDeviceRequest r) ->
                VIRTUAL_MFA.equals(r.serialNumber())));
        ArgumentCaptor<DeactivateMfaDeviceRequest> deactivated = ArgumentCaptor.forClass(DeactivateMfaDeviceRequest.class);
        verify(iam, times(3)).deactivateMFADevice(deactivated.capture());
        // Removals run side by side, so in any order.
        assertEquals(Set.of(VIRTUAL_MFA, HARDWARE_MFA, FIDO_MFA),
                Set.copyOf(deactivated.getAllValues().stream().map(DeactivateMfaDeviceRequest::serialNumber).toList()));
        ArgumentCaptor<DeleteVirtualMfaDeviceRequest> deleted = ArgumentCaptor.forClass(DeleteVirtualMfaDeviceRequest.class);
        verify(iam, times(1)).deleteVirtualMFADevice(deleted.capture());
        assertEquals(VIRTUAL_MFA, deleted.getValue().serialNumber(), "only the virtual device is deleted");
    }

    @Test
    void anItemSomeoneAlreadyRemovedIsReportedAlreadyAbsentAndTheRunGoesOn() throws Exception {
        iamAcceptsEveryRemoval();
        doAnswer(invocation -> {
            if ("AKIA2INACTIVEKEY0002".equals(invocation.<DeleteAccessKeyRequest>getArgument(0).accessKeyId())) {
                throw SdkErrors.noSuchEntity("The Access Key with id AKIA2INACTIVEKEY0002 cannot be found.");
            }
            return DeleteAccessKeyResponse.builder().build();
        }).when(iam).deleteAccessKey(any(DeleteAccessKeyRequest.class));
        doThrow(SdkErrors.noSuchEntity("The group with name developers cannot be found."))
                .when(iam).removeUserFromGroup(any(RemoveUserFromGroupRequest.class));

        List<String> items = items(invoke(request(fullInventory(), "REMOVE", null, null)));

        assertTrue(items.contains("ACCESS_KEY AKIA1ACTIVEKEY000001 DELETED"), items.toString());
        assertTrue(items.contains("ACCESS_KEY AKIA2INACTIVEKEY0002 ALREADY_ABSENT"), items.toString());
        assertTrue(items.contains("GROUP_MEMBERSHIP developers ALREADY_ABSENT"), items.toString());
        assertTrue(items.contains("INLINE_POLICY s3-read DELETED"), items.toString());
    }

    @Test
    void aVirtualMfaDeviceGoneOnBothCallsIsAlreadyAbsentButGoneOnlyFromTheUserIsStillDeleted() throws Exception {
        iamAcceptsEveryRemoval();
        doThrow(SdkErrors.noSuchEntity("MFA Device is not associated with user bob."))
                .when(iam).deactivateMFADevice(any(DeactivateMfaDeviceRequest.class));

        List<String> deletedOnly = items(invoke(request(fullInventory(), "REMOVE", null, null)));

        assertTrue(deletedOnly.contains("MFA_DEVICE " + VIRTUAL_MFA + " DELETED"), deletedOnly.toString());
        assertTrue(deletedOnly.contains("MFA_DEVICE " + HARDWARE_MFA + " ALREADY_ABSENT"), deletedOnly.toString());

        doThrow(SdkErrors.noSuchEntity("VirtualMFADevice with serial number " + VIRTUAL_MFA + " doesn't exist."))
                .when(iam).deleteVirtualMFADevice(any(DeleteVirtualMfaDeviceRequest.class));

        List<String> goneEntirely = items(invoke(request(fullInventory(), "REMOVE", null, null)));

        assertTrue(goneEntirely.contains("MFA_DEVICE " + VIRTUAL_MFA + " ALREADY_ABSENT"), goneEntirely.toString());
    }

    @Test
    void aPartialInventoryRemovesOnlyWhatItLists() throws Exception {
        iamAcceptsEveryRemoval();

        JsonNode result = invoke("{\"inventory\": {\"userName\": \"bob\", \"accessKeys\": [{\"accessKeyId\":"
                + " \"AKIA1ACTIVEKEY000001\", \"status\": \"Active\"}]}, \"mode\": \"REMOVE\"}");

        // Without the user's ARN, AWSDenyAll is the one of the partition the function runs in.
        String denyAll = "arn:" + Partitions.fromEnvironment(System.getenv()) + ":iam::aws:policy/AWSDenyAll";
        assertEquals(List.of("ACCESS_KEY AKIA1ACTIVEKEY000001 DELETED", "ATTACHED_POLICY " + denyAll + " DETACHED"),
                items(result));
        assertEquals(List.of("attachUserPolicy", "updateAccessKey", "deleteAccessKey", "detachUserPolicy"),
                MockIam.operationsSent(iam));
    }

    @Test
    void everyRemovedItemIsLogged() throws Exception {
        iamAcceptsEveryRemoval();

        invoke(request(fullInventory(), "REMOVE", null, null));

        assertEquals(1 + 12 + 1, LoggedEvents.of(context).size(), "the deny attached, every item, the deny lifted");
        assertTrue(LoggedEvents.of(context).contains(
                "{\"event\":\"item-done\",\"execution\":null,\"userName\":\"bob\",\"mode\":\"REMOVE\","
                        + "\"dryRun\":false,\"kind\":\"ACCESS_KEY\",\"id\":\"AKIA1ACTIVEKEY000001\",\"action\":\"DELETED\"}"),
                LoggedEvents.of(context).toString());
    }

    // ---- LOCK_OUT -----------------------------------------------------------------------------------------------

    @Test
    void lockOutDeniesEveryActionAndDeactivatesCredentialsKeepingTheConsolePassword() throws Exception {
        iamAcceptsEveryRemoval();

        JsonNode result = invoke(request(fullInventory(), "LOCK_OUT", null, null));

        assertEquals(List.of(
                "ACCESS_KEY AKIA1ACTIVEKEY000001 DEACTIVATED",
                "ACCESS_KEY AKIA2INACTIVEKEY0002 DEACTIVATED",
                "SIGNING_CERTIFICATE CERT1EXAMPLE000000000001 DEACTIVATED",
                "SSH_PUBLIC_KEY APKA1EXAMPLE00000001 DEACTIVATED",
                "SERVICE_SPECIFIC_CREDENTIAL ACCA1EXAMPLE00000001 DEACTIVATED"), items(result));
        assertEquals("MANAGED_POLICY", result.path("deny").path("how").asText());
        Set<String> sent = new HashSet<>(MockIam.operationsSent(iam));
        assertEquals(Set.of("attachUserPolicy", "updateAccessKey", "updateSSHPublicKey", "updateSigningCertificate",
                "updateServiceSpecificCredential"), sent);
        verify(iam, never()).deleteLoginProfile(any(DeleteLoginProfileRequest.class));
        verify(iam, never()).deleteAccessKey(any(DeleteAccessKeyRequest.class));
        verify(iam, never()).deleteSigningCertificate(any(DeleteSigningCertificateRequest.class));
        verify(iam, never()).deleteSSHPublicKey(any(DeleteSshPublicKeyRequest.class));
        verify(iam, never()).deleteServiceSpecificCredential(any(DeleteServiceSpecificCredentialRequest.class));
        verify(iam, never()).deactivateMFADevice(any(DeactivateMfaDeviceRequest.class));
        verify(iam, never()).deleteVirtualMFADevice(any(DeleteVirtualMfaDeviceRequest.class));
        verify(iam, never()).deleteUserPolicy(any(DeleteUserPolicyRequest.class));
        verify(iam, never()).detachUserPolicy(any(DetachUserPolicyRequest.class));
        verify(iam, never()).removeUserFromGroup(any(RemoveUserFromGroupRequest.class));
    }

    @Test
    void lockOutSetsEveryCredentialInactiveForThisUser() throws Exception {
        iamAcceptsEveryRemoval();

        invoke(request(fullInventory(), "LOCK_OUT", null, null));

        ArgumentCaptor<UpdateAccessKeyRequest> keys = ArgumentCaptor.forClass(UpdateAccessKeyRequest.class);
        verify(iam, times(2)).updateAccessKey(keys.capture());
        assertTrue(keys.getAllValues().stream().allMatch(r -> r.status() == StatusType.INACTIVE
                && "bob".equals(r.userName())));
        ArgumentCaptor<UpdateSshPublicKeyRequest> ssh = ArgumentCaptor.forClass(UpdateSshPublicKeyRequest.class);
        verify(iam).updateSSHPublicKey(ssh.capture());
        assertEquals(StatusType.INACTIVE, ssh.getValue().status());
        assertEquals("APKA1EXAMPLE00000001", ssh.getValue().sshPublicKeyId());
        ArgumentCaptor<UpdateSigningCertificateRequest> certificate =
                ArgumentCaptor.forClass(UpdateSigningCertificateRequest.class);
        verify(iam).updateSigningCertificate(certificate.capture());
        assertEquals(StatusType.INACTIVE, certificate.getValue().status());
        assertEquals("CERT1EXAMPLE000000000001", certificate.getValue().certificateId());
        ArgumentCaptor<UpdateServiceSpecificCredentialRequest> credential =
                ArgumentCaptor.forClass(UpdateServiceSpecificCredentialRequest.class);
        verify(iam).updateServiceSpecificCredential(credential.capture());
        assertEquals(StatusType.INACTIVE, credential.getValue().status());
        assertEquals("ACCA1EXAMPLE00000001", credential.getValue().serviceSpecificCredentialId());
    }

    @Test
    void lockOutWithQuarantineDaysSaysUntilWhenTheUserStaysLockedOut() throws Exception {
        iamAcceptsEveryRemoval();

        JsonNode result = invoke(request(fullInventory(), "LOCK_OUT", null, 3));

        assertEquals("2026-01-18T10:00:00Z", result.get("quarantineUntil").asText(), "clock + 3 days, to the second");
        assertEquals("LOCK_OUT", result.get("mode").asText());
    }

    @Test
    void lockOutWithoutQuarantineHasNoQuarantineEnd() throws Exception {
        iamAcceptsEveryRemoval();

        assertTrue(invoke(request(fullInventory(), "LOCK_OUT", null, 0)).get("quarantineUntil").isNull());
    }

    @Test
    void quarantineDaysWithRemoveAreRefusedBeforeAnyIamCall() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> invoke(request(fullInventory(), "REMOVE", null, 3)));

        assertTrue(e.getMessage().contains("quarantineDays goes with mode LOCK_OUT"), e.getMessage());
        verifyNoInteractions(iam);
    }

    // ---- dry run ------------------------------------------------------------------------------------------------

    @Test
    void aDryRunOfRemoveCallsNothingAndReturnsThePlan() throws Exception {
        JsonNode result = invoke(request(fullInventory(), "REMOVE", true, null));

        verifyNoInteractions(iam);
        assertTrue(result.get("dryRun").asBoolean());
        assertEquals(List.of(
                "LOGIN_PROFILE bob WOULD_DELETE",
                "ACCESS_KEY AKIA1ACTIVEKEY000001 WOULD_DELETE",
                "ACCESS_KEY AKIA2INACTIVEKEY0002 WOULD_DELETE",
                "SIGNING_CERTIFICATE CERT1EXAMPLE000000000001 WOULD_DELETE",
                "SSH_PUBLIC_KEY APKA1EXAMPLE00000001 WOULD_DELETE",
                "SERVICE_SPECIFIC_CREDENTIAL ACCA1EXAMPLE00000001 WOULD_DELETE",
                "MFA_DEVICE " + VIRTUAL_MFA + " WOULD_DELETE",
                "MFA_DEVICE " + HARDWARE_MFA + " WOULD_DEACTIVATE",
                "MFA_DEVICE " + FIDO_MFA + " WOULD_DEACTIVATE",
                "INLINE_POLICY s3-read WOULD_DELETE",
                "ATTACHED_POLICY " + POLICY_ARN + " WOULD_DETACH",
                "GROUP_MEMBERSHIP developers WOULD_REMOVE",
                "ATTACHED_POLICY " + DENY_ALL + " WOULD_DETACH"), items(result));
        assertEquals(Json.mapper().createObjectNode().put("how", "MANAGED_POLICY").put("policy", DENY_ALL)
                .putNull("attachedAt").put("alreadyInPlace", false), result.get("deny"), "the deny it would attach first, at no time yet");
    }

    @Test
    void aDryRunOfLockOutCallsNothingAndReturnsThePlan() throws Exception {
        JsonNode result = invoke(request(fullInventory(), "LOCK_OUT", true, null));

        verifyNoInteractions(iam);
        assertEquals(List.of(
                "ACCESS_KEY AKIA1ACTIVEKEY000001 WOULD_DEACTIVATE",
                "ACCESS_KEY AKIA2INACTIVEKEY0002 WOULD_DEACTIVATE",
                "SIGNING_CERTIFICATE CERT1EXAMPLE000000000001 WOULD_DEACTIVATE",
                "SSH_PUBLIC_KEY APKA1EXAMPLE00000001 WOULD_DEACTIVATE",
                "SERVICE_SPECIFIC_CREDENTIAL ACCA1EXAMPLE00000001 WOULD_DEACTIVATE"), items(result));
        assertEquals(Json.mapper().createObjectNode().put("how", "MANAGED_POLICY").put("policy", DENY_ALL)
                .putNull("attachedAt").put("alreadyInPlace", false), result.get("deny"));
    }

    // ---- IAM refusing -------------------------------------------------------------------------------------------

    @Test
    void aLoginProfileBrieflyUnmodifiableIsRetriedWithGrowingPausesUntilItGoes() throws Exception {
        iamAcceptsEveryRemoval();
        AtomicInteger attempts = new AtomicInteger();
        doAnswer(invocation -> {
            if (attempts.incrementAndGet() < 3) {
                throw SdkErrors.temporarilyUnmodifiable();
            }
            return DeleteLoginProfileResponse.builder().build();
        }).when(iam).deleteLoginProfile(any(DeleteLoginProfileRequest.class));

        List<String> items = items(invoke(request(fullInventory(), "REMOVE", null, null)));

        assertTrue(items.contains("LOGIN_PROFILE bob DELETED"), items.toString());
        verify(iam, times(3)).deleteLoginProfile(any(DeleteLoginProfileRequest.class));
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), pauses);
    }

    @Test
    void aLoginProfileThatStaysUnmodifiableSurfacesAsRetryableAfterABoundedNumberOfAttempts() {
        iamAcceptsEveryRemoval();
        EntityTemporarilyUnmodifiableException unmodifiable = SdkErrors.temporarilyUnmodifiable();
        doThrow(unmodifiable).when(iam).deleteLoginProfile(any(DeleteLoginProfileRequest.class));

        IamRetryableException e = assertThrows(IamRetryableException.class,
                () -> invoke(request(fullInventory(), "REMOVE", null, null)));

        assertEquals(unmodifiable, e.getCause());
        assertTrue(e.getMessage().contains("iam:DeleteLoginProfile"), e.getMessage());
        verify(iam, times(3)).deleteLoginProfile(any(DeleteLoginProfileRequest.class));
        assertEquals(2, pauses.size());
        assertTrue(pauses.get(1).compareTo(pauses.get(0)) > 0, "pauses grow: " + pauses);
        verify(iam, never()).deleteAccessKey(any(DeleteAccessKeyRequest.class));
        verify(iam).updateAccessKey(any(UpdateAccessKeyRequest.class));
    }

    @Test
    void throttlingOnDeleteLoginProfileIsLeftToTheWorkflowsRetryNotRetriedHere() {
        iamAcceptsEveryRemoval();
        doThrow(SdkErrors.throttling()).when(iam).deleteLoginProfile(any(DeleteLoginProfileRequest.class));

        assertThrows(IamRetryableException.class, () -> invoke(request(fullInventory(), "REMOVE", null, null)));

        verify(iam, times(1)).deleteLoginProfile(any(DeleteLoginProfileRequest.class));
        assertEquals(List.of(), pauses);
    }

    @ConcurrencySensitive
    void throttlingSurfacesAsRetryable() {
        iamAcceptsEveryRemoval();
        doThrow(SdkErrors.throttling()).when(iam).deleteAccessKey(any(DeleteAccessKeyRequest.class));

        IamRetryableException e = assertThrows(IamRetryableException.class,
                () -> invoke(request(fullInventory(), "REMOVE", null, null)));

        // Independent removals run side by side: both keys were tried; the error names the first in inventory order.
        assertTrue(e.getMessage().contains("iam:DeleteAccessKey on bob/AKIA1ACTIVEKEY000001"), e.getMessage());
        assertTrue(e.retryable());
        verify(iam, times(2)).deleteAccessKey(any(DeleteAccessKeyRequest.class));
    }

    @Test
    void aServerFailureSurfacesAsRetryable() {
        iamAcceptsEveryRemoval();
        doThrow(SdkErrors.serviceFailure()).when(iam).detachUserPolicy(any(DetachUserPolicyRequest.class));

        assertInstanceOf(IamRetryableException.class, assertThrows(RuntimeException.class,
                () -> invoke(request(fullInventory(), "REMOVE", null, null))));
    }

    // ---- the request --------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "{\"mode\": \"REMOVE\"}",
        "{\"inventory\": {\"userName\": \"bob\"}}",
        "{\"inventory\": {\"userName\": \"bob\"}, \"mode\": \"remove\"}",
        "{\"inventory\": {\"userName\": \"bob\"}, \"mode\": \"DELETE\"}",
        "{\"inventory\": {\"userName\": \"bob\"}, \"mode\": 1}",
        "{\"inventory\": {\"userName\": \"bob\"}, \"mode\": \"1\"}",
        "{\"inventory\": {\"userName\": \"bo b\"}, \"mode\": \"REMOVE\"}",
        "{\"inventory\": {}, \"mode\": \"REMOVE\"}",
        "{\"inventory\": {\"userName\": \"bob\"}, \"mode\": \"REMOVE\", \"dryrun\": true}",
        "{\"inventory\": {\"userName\": \"bob\"}, \"mode\": \"REMOVE\", \"dryRun\": \"false\"}",
        "{\"inventory\": {\"userName\": \"bob\"}, \"mode\": \"LOCK_OUT\", \"quarantineDays\": 91}",
        "{\"inventory\": {\"userName\": \"bob\"}, \"mode\": \"LOCK_OUT\", \"quarantineDays\": -1}",
        "{\"inventory\": {\"userName\": \"bob\"}, \"mode\": \"LOCK_OUT\", \"quarantineDays\": \"3\"}",
        "{\"inventory\": {\"userName\": \"bob\", \"accessKeys\": [{\"accessKeyId\": \"AKIA1\", \"secretAccessKey\":"
                + " \"x\"}]}, \"mode\": \"REMOVE\"}",
        "{\"inventory\": \"bob\", \"mode\": \"REMOVE\"}",
        "[]",
        "",
    })
    void aMalformedRequestIsRefusedBeforeAnyIamCall(String request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThrows(InvalidRequestException.class, () -> handler().handleRequest(
                new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, context));

        verifyNoInteractions(iam);
        assertEquals(0, out.size());
    }

    @Test
    void aMissingModeIsRefusedNamingBothModes() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> invoke("{\"inventory\": {\"userName\": \"bob\"}}"));

        assertTrue(e.getMessage().contains("mode is required: \"LOCK_OUT\""), e.getMessage());
        assertTrue(e.getMessage().contains("\"REMOVE\""), e.getMessage());
    }

    @Test
    void aModeSpelledWronglyIsRefusedNamingTheAcceptedValues() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> invoke("{\"inventory\": {\"userName\": \"bob\"}, \"mode\": \"remove\"}"));

        assertTrue(e.getMessage().contains("field \"mode\" must be one of \"LOCK_OUT\", \"REMOVE\""), e.getMessage());
    }

    @Test
    void anUnknownFieldInsideTheInventoryIsNamedByItsPath() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> invoke("{\"inventory\": {\"userName\": \"bob\", \"accessKey\": []}, \"mode\": \"REMOVE\"}"));

        assertTrue(e.getMessage().contains("unknown field \"inventory.accessKey\""), e.getMessage());
    }
}
