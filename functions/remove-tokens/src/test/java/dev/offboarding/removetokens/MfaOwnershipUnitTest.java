package dev.offboarding.removetokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.errors.ItemNotTheUsersException;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateways;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.testing.MockIam;
import dev.offboarding.testing.SdkErrors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.DeactivateMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeactivateMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;

/**
 * DeleteVirtualMFADevice names only a serial: IAM deletes any unassigned virtual device of the account, whoever
 * enrolled it. So remove-tokens deletes a virtual device only when IAM lists it for the user now, or when this very
 * execution found it assigned to the user (its inventory says so) and an earlier attempt deactivated it. Anything
 * else refuses the whole request before the first change.
 */
class MfaOwnershipUnitTest {
    private static final String HOME = "123456789012";
    private static final String MEMBER = "210987654321";
    private static final String BOBS_PHONE = "arn:aws:iam::" + HOME + ":mfa/bob-phone";
    private static final String SPARE = "arn:aws:iam::" + HOME + ":mfa/spare";
    private static final String HARDWARE = "GAHT12345678";
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String THIS_RUN = "arn:aws:states:eu-west-1:" + HOME + ":execution:OffboardUser:run-1";
    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";
    private static final String OTHER_RUN = "arn:aws:states:eu-west-1:" + HOME + ":execution:OffboardUser:run-0";

    private final IamClient iam = MockIam.iamClient();
    private final LocalContext context = new LocalContext("remove-tokens");

    private JsonNode invoke(ObjectNode request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // A member account's gateway is the same mock: what matters here is which account the request names.
        IamGateways gateways = new IamGateways(new IamGateway(iam), (roleArn, session) -> iam, "offboarding", "aws");
        new RemoveTokensHandler(gateways, duration -> { }, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).handleRequest(
                new ByteArrayInputStream(request.toString().getBytes(StandardCharsets.UTF_8)), out, context);
        return Json.mapper().readTree(out.toByteArray());
    }

    /** REMOVE for bob, with an active key, a console password and these MFA devices in the inventory. */
    private static ObjectNode removal(String inventoryExecution, String execution, String... serials) {
        ObjectNode inventory = Json.mapper().createObjectNode().put("userName", "bob");
        inventory.putObject("user").put("arn", "arn:aws:iam::" + HOME + ":user/bob");
        inventory.putObject("loginProfile");
        inventory.putArray("accessKeys").addObject().put("accessKeyId", KEY).put("status", "Active");
        Arrays.stream(serials).forEach(serial -> inventory.withArray("mfaDevices").addObject().put("serialNumber", serial));
        if (inventoryExecution != null) {
            inventory.put("execution", inventoryExecution);
        }
        ObjectNode request = Json.mapper().createObjectNode().put("mode", "REMOVE");
        request.set("inventory", inventory);
        if (execution != null) {
            request.put("execution", execution);
        }
        return request;
    }

    /** IAM lists these devices for bob now, one page of at most {@code perPage} after the other. */
    private void iamListsForBob(int perPage, String... serials) {
        List<ListMfaDevicesResponse> pages = new ArrayList<>();
        for (int from = 0; from < serials.length || pages.isEmpty(); from += perPage) {
            List<MFADevice> page = Arrays.stream(serials).skip(from).limit(perPage)
                    .map(s -> MFADevice.builder().userName("bob").serialNumber(s).enableDate(Instant.EPOCH).build())
                    .toList();
            boolean more = from + perPage < serials.length;
            pages.add(ListMfaDevicesResponse.builder().mfaDevices(page).isTruncated(more)
                    .marker(more ? "page" + (pages.size() + 2) : null).build());
        }
        doAnswer(invocation -> {
            String marker = invocation.<ListMfaDevicesRequest>getArgument(0).marker();
            return pages.get(marker == null ? 0 : Integer.parseInt(marker.substring(4)) - 1);
        }).when(iam).listMFADevices(any(ListMfaDevicesRequest.class));
    }

    private void iamAcceptsTheRemovals() {
        doReturn(AttachUserPolicyResponse.builder().build()).when(iam).attachUserPolicy(any(AttachUserPolicyRequest.class));
        doReturn(DetachUserPolicyResponse.builder().build()).when(iam).detachUserPolicy(any(DetachUserPolicyRequest.class));
        doReturn(UpdateAccessKeyResponse.builder().build()).when(iam).updateAccessKey(any(UpdateAccessKeyRequest.class));
        doReturn(DeleteAccessKeyResponse.builder().build()).when(iam).deleteAccessKey(any(DeleteAccessKeyRequest.class));
        doReturn(DeleteLoginProfileResponse.builder().build())
                .when(iam).deleteLoginProfile(any(DeleteLoginProfileRequest.class));
        doReturn(DeactivateMfaDeviceResponse.builder().build())
                .when(iam).deactivateMFADevice(any(DeactivateMfaDeviceRequest.class));
        doReturn(DeleteVirtualMfaDeviceResponse.builder().build())
                .when(iam).deleteVirtualMFADevice(any(DeleteVirtualMfaDeviceRequest.class));
    }

    /** What IAM does with an unassigned device today: deactivating it for bob finds nothing, deleting it works. */
    private void iamWouldDeleteAnyUnassignedDevice() {
        iamAcceptsTheRemovals();
        doThrow(SdkErrors.noSuchEntity("MFA Device is not associated with user bob."))
                .when(iam).deactivateMFADevice(any(DeactivateMfaDeviceRequest.class));
    }

    private static List<String> items(JsonNode result) {
        List<String> items = new ArrayList<>();
        result.get("items").forEach(i -> items.add(i.get("kind").asText() + " " + i.get("id").asText() + " "
                + i.get("action").asText()));
        return items;
    }

    private void onlyTheListWasSent() {
        assertEquals(List.of("listMFADevices"), MockIam.operationsSent(iam), "nothing was changed, not even the deny attached");
        verify(iam).listMFADevices(any(ListMfaDevicesRequest.class));
    }

    @Test
    void anUnassignedDeviceThatNoExecutionFoundIsRefusedWithNoChange() {
        iamWouldDeleteAnyUnassignedDevice();
        iamListsForBob(100);

        ItemNotTheUsersException e = assertThrows(ItemNotTheUsersException.class,
                () -> invoke(removal(null, THIS_RUN, SPARE)));

        assertTrue(e.getMessage().contains("MFA device " + SPARE + " is not assigned to bob now, and the inventory does"
                + " not say which execution found it assigned to bob"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was changed"), e.getMessage());
        assertEquals(1, e.items().size());
        assertTrue(!e.retryable());
        onlyTheListWasSent();
    }

    @Test
    void aDeviceAssignedToSomeoneElseIsRefusedEvenWithThisExecutionsInventory() {
        iamWouldDeleteAnyUnassignedDevice();
        iamListsForBob(100, BOBS_PHONE);
        String alices = "arn:aws:iam::999999999999:mfa/alice";

        ItemNotTheUsersException e = assertThrows(ItemNotTheUsersException.class,
                () -> invoke(removal(THIS_RUN, THIS_RUN, BOBS_PHONE, alices)));

        assertEquals(List.of("MFA device " + alices + " is not assigned to bob now, and it is in account 999999999999,"
                + " not in bob's account " + HOME), e.items());
        onlyTheListWasSent();
    }

    @Test
    void aDeviceThatAnotherExecutionFoundIsRefused() {
        iamWouldDeleteAnyUnassignedDevice();
        iamListsForBob(100);

        ItemNotTheUsersException e = assertThrows(ItemNotTheUsersException.class,
                () -> invoke(removal(OTHER_RUN, THIS_RUN, BOBS_PHONE)));

        assertEquals(List.of("MFA device " + BOBS_PHONE + " is not assigned to bob now, and the inventory was taken by"
                + " execution " + OTHER_RUN + ", not by this one (" + THIS_RUN + "), so nothing shows it was still"
                + " bob's since"), e.items());
        onlyTheListWasSent();
    }

    /**
     * An earlier run deactivated the device and died before deleting it; its record showed the device was bob's, so
     * this run's inventory carries it, marked recoveredFrom that run. Only its deletion is left.
     */
    @Test
    void aDeviceRecoveredFromAnUnfinishedRecordIsDeletedWithoutDeactivatingIt() throws Exception {
        iamWouldDeleteAnyUnassignedDevice();
        iamListsForBob(100);
        // Not even the inventory's execution vouches for it: the record of the run that found it does.
        ObjectNode request = removal(null, THIS_RUN);
        request.with("inventory").withArray("mfaDevices").addObject().put("serialNumber", SPARE)
                .put("recoveredFrom", OTHER_RUN);

        JsonNode result = invoke(request);

        assertTrue(items(result).contains("MFA_DEVICE " + SPARE + " DELETED"), items(result).toString());
        verify(iam).deleteVirtualMFADevice(any(DeleteVirtualMfaDeviceRequest.class));
        verify(iam, org.mockito.Mockito.never()).deactivateMFADevice(any(DeactivateMfaDeviceRequest.class));
    }

    @Test
    void aRecoveredDeviceInAnotherAccountThanTheUsersIsRefusedWithNoChange() {
        iamWouldDeleteAnyUnassignedDevice();
        iamListsForBob(100);
        String elsewhere = "arn:aws:iam::999999999999:mfa/bob";
        ObjectNode request = removal(THIS_RUN, THIS_RUN);
        request.with("inventory").withArray("mfaDevices").addObject().put("serialNumber", elsewhere)
                .put("recoveredFrom", OTHER_RUN);

        ItemNotTheUsersException e = assertThrows(ItemNotTheUsersException.class, () -> invoke(request));

        assertTrue(e.getMessage().contains("it is in account 999999999999"), e.getMessage());
        onlyTheListWasSent();
    }

    @Test
    void anInventoryOfAnExecutionIsNotEnoughForARequestOfNone() {
        iamWouldDeleteAnyUnassignedDevice();
        iamListsForBob(100);

        ItemNotTheUsersException e = assertThrows(ItemNotTheUsersException.class,
                () -> invoke(removal(THIS_RUN, null, BOBS_PHONE)));

        assertTrue(e.getMessage().contains("not by this one (none)"), e.getMessage());
        onlyTheListWasSent();
    }

    @Test
    void theUsersOwnDeviceIsDeactivatedThenDeleted() throws Exception {
        iamAcceptsTheRemovals();
        iamListsForBob(100, BOBS_PHONE);

        JsonNode result = invoke(removal(null, null, BOBS_PHONE));

        assertEquals(List.of("LOGIN_PROFILE bob DELETED", "ACCESS_KEY " + KEY + " DELETED",
                "MFA_DEVICE " + BOBS_PHONE + " DELETED", "ATTACHED_POLICY " + DENY_ALL + " DETACHED"), items(result));
        verify(iam).deactivateMFADevice(DeactivateMfaDeviceRequest.builder().userName("bob").serialNumber(BOBS_PHONE)
                .build());
        verify(iam).deleteVirtualMFADevice(DeleteVirtualMfaDeviceRequest.builder().serialNumber(BOBS_PHONE).build());
        assertEquals("listMFADevices", MockIam.operationsSent(iam).get(0), "asked before the first change");
    }

    @Test
    void theUsersDeviceOnIamsSecondPageIsTheUsersToo() throws Exception {
        iamAcceptsTheRemovals();
        iamListsForBob(1, HARDWARE, BOBS_PHONE);

        JsonNode result = invoke(removal(null, null, BOBS_PHONE));

        assertTrue(items(result).contains("MFA_DEVICE " + BOBS_PHONE + " DELETED"), items(result).toString());
        ArgumentCaptor<ListMfaDevicesRequest> asked = ArgumentCaptor.forClass(ListMfaDevicesRequest.class);
        verify(iam, times(2)).listMFADevices(asked.capture());
        assertEquals(Arrays.asList(null, "page2"), asked.getAllValues().stream().map(ListMfaDevicesRequest::marker)
                .toList(), "the second page is asked for with the first one's marker");
        assertTrue(asked.getAllValues().stream().allMatch(r -> "bob".equals(r.userName()) && r.maxItems() == 1000),
                asked.getAllValues().toString());
    }

    /**
     * The run that died between DeactivateMFADevice and DeleteVirtualMFADevice, retried by the workflow with the
     * same inventory: the device is not bob's any more in IAM's eyes, but this execution found it his.
     */
    @Test
    void aDeviceThisExecutionDeactivatedBeforeIsDeletedOnTheRetryWithoutDeactivatingIt() throws Exception {
        iamAcceptsTheRemovals();
        iamListsForBob(100, BOBS_PHONE);
        doThrow(SdkErrors.deleteConflict("MFA device is still in use"))
                .when(iam).deleteVirtualMFADevice(any(DeleteVirtualMfaDeviceRequest.class));

        IamRetryableException first = assertThrows(IamRetryableException.class,
                () -> invoke(removal(THIS_RUN, THIS_RUN, BOBS_PHONE)));
        assertTrue(first.getMessage().endsWith("MFA_DEVICE " + BOBS_PHONE + " DEACTIVATED."), first.getMessage());

        iamAcceptsTheRemovals();
        iamListsForBob(100);
        List<String> retry = items(invoke(removal(THIS_RUN, THIS_RUN, BOBS_PHONE)));

        assertTrue(retry.contains("MFA_DEVICE " + BOBS_PHONE + " DELETED"), retry.toString());
        verify(iam).deactivateMFADevice(any(DeactivateMfaDeviceRequest.class));
        assertEquals(2, MockIam.operationsSent(iam).stream().filter("deleteVirtualMFADevice"::equals).count());
        assertEquals(1, MockIam.operationsSent(iam).stream().filter("deactivateMFADevice"::equals).count(),
                "the retry did not deactivate it again");
    }

    @Test
    void withoutAUserArnTheMemberAccountActedInIsTheUsersAccount() throws Exception {
        iamAcceptsTheRemovals();
        iamListsForBob(100);
        String inMember = "arn:aws:iam::" + MEMBER + ":mfa/bob-phone";
        ObjectNode request = removal(THIS_RUN, THIS_RUN, inMember);
        ((ObjectNode) request.get("inventory")).remove("user");
        request.putObject("memberAccount").put("accountId", MEMBER).put("sessionName", "run-1");

        assertTrue(items(invoke(request)).contains("MFA_DEVICE " + inMember + " DELETED"));

        ObjectNode inHome = removal(THIS_RUN, THIS_RUN, SPARE);
        ((ObjectNode) inHome.get("inventory")).remove("user");
        inHome.putObject("memberAccount").put("accountId", MEMBER).put("sessionName", "run-1");
        ItemNotTheUsersException e = assertThrows(ItemNotTheUsersException.class, () -> invoke(inHome));
        assertTrue(e.getMessage().contains("in account " + HOME + ", not in bob's account " + MEMBER), e.getMessage());
    }

    @Test
    void withoutAUserArnOrAMemberAccountTheExecutionsAccountIsTheUsersAccount() throws Exception {
        iamAcceptsTheRemovals();
        iamListsForBob(100);
        ObjectNode request = removal(THIS_RUN, THIS_RUN, SPARE);
        ((ObjectNode) request.get("inventory")).remove("user");

        assertTrue(items(invoke(request)).contains("MFA_DEVICE " + SPARE + " DELETED"));
        verify(iam, org.mockito.Mockito.never()).deactivateMFADevice(any(DeactivateMfaDeviceRequest.class));
    }

    @Test
    void everyDeviceThatIsNotTheUsersIsNamedAtOnce() {
        iamWouldDeleteAnyUnassignedDevice();
        iamListsForBob(100);

        ItemNotTheUsersException e = assertThrows(ItemNotTheUsersException.class,
                () -> invoke(removal(null, THIS_RUN, SPARE, BOBS_PHONE)));

        assertEquals(2, e.items().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Refusing to act on 2 items that are not bob's: MFA device " + SPARE),
                e.getMessage());
    }

    @Test
    void hardwareDevicesAloneNeedNoListCall() throws Exception {
        iamAcceptsTheRemovals();

        invoke(removal(null, null, HARDWARE));

        List<String> sent = MockIam.operationsSent(iam);
        assertEquals(List.of("attachUserPolicy", "updateAccessKey", "deleteLoginProfile"), sent.subList(0, 3),
                "the deny, then the lock-out, in order");
        // The removals run side by side: their order is not the test's business.
        assertEquals(java.util.Set.of("deleteAccessKey", "deactivateMFADevice"), java.util.Set.copyOf(sent.subList(3,
                sent.size() - 1)));
        assertEquals("detachUserPolicy", sent.get(sent.size() - 1), "the deny lifted last");
        assertEquals(6, sent.size(), "no ListMFADevices: " + sent);
    }

    @Test
    void anInventoryWithoutMfaDevicesNeedsNoListCall() throws Exception {
        iamAcceptsTheRemovals();

        invoke(removal(THIS_RUN, THIS_RUN));

        assertEquals(List.of("attachUserPolicy", "updateAccessKey", "deleteLoginProfile", "deleteAccessKey",
                "detachUserPolicy"), MockIam.operationsSent(iam), "the deny, the three changes, the lift, nothing else");
    }

    @Test
    void aLockOutLeavesMfaDevicesAloneAndAsksNothingAboutThem() throws Exception {
        iamAcceptsTheRemovals();
        ObjectNode lockOut = removal(null, THIS_RUN, SPARE).put("mode", "LOCK_OUT");

        invoke(lockOut);

        assertEquals(List.of("attachUserPolicy", "updateAccessKey"), MockIam.operationsSent(iam),
                "the deny, then the key's deactivation; the password is kept");
    }
}
