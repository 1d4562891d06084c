package dev.offboarding.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.CreateVirtualMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.CreateVirtualMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.DeactivateMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeactivateMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.EnableMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.EnableMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * MFA devices. A virtual device is an account-level entity that survives deactivation, unassigned, until
 * DeleteVirtualMFADevice; hardware and FIDO devices simply disappear when deactivated.
 */
final class MfaOperations {

    static final int MAX_DEVICES_PER_USER = 8;

    private final Account account;

    MfaOperations(Account account) {
        this.account = account;
    }

    ListMfaDevicesResponse listMfaDevices(ListMfaDevicesRequest request) {
        UserState user = account.requireUser(account.userNameOrCaller(request.userName()));
        Page<MfaDeviceRecord> page = account.paginator().page("ListMFADevices", user.mfaDevices.values(),
                device -> Paginator.bySequence(device.sequence()), request.marker(), request.maxItems());
        return ListMfaDevicesResponse.builder()
                .mfaDevices(page.items().stream().map(device -> device.toSdk(user.name())).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    EnableMfaDeviceResponse enableMfaDevice(EnableMfaDeviceRequest request) {
        String userName = Inputs.check(InputRule.USER_NAME, request.userName());
        String serial = Inputs.check(InputRule.SERIAL_NUMBER, request.serialNumber());
        Inputs.check(InputRule.AUTHENTICATION_CODE, request.authenticationCode1());
        Inputs.check(InputRule.AUTHENTICATION_CODE, request.authenticationCode2());
        UserState user = account.requireUser(userName);
        if (MfaDeviceRecord.isVirtual(serial)) {
            VirtualMfaRecord device = requireVirtual(serial);
            if (device.isAssigned()) {
                throw IamErrors.alreadyExists("MFA Device is already in use.");
            }
        } else if (assignedOwner(serial).isPresent()) {
            throw IamErrors.alreadyExists("MFA Device is already in use.");
        }
        if (user.mfaDevices.size() >= MAX_DEVICES_PER_USER) {
            throw IamErrors.limitExceeded("MFADevicesPerUser", MAX_DEVICES_PER_USER);
        }
        assign(user, serial, account.now());
        return EnableMfaDeviceResponse.builder().build();
    }

    DeactivateMfaDeviceResponse deactivateMfaDevice(DeactivateMfaDeviceRequest request) {
        String userName = account.userNameOrCaller(request.userName());
        String serial = Inputs.check(InputRule.SERIAL_NUMBER, request.serialNumber());
        UserState user = account.requireUser(userName);
        if (!user.mfaDevices.containsKey(serial)) {
            throw IamErrors.noSuchEntity("MFA Device with serial number " + serial + " does not exist.");
        }
        user.mfaDevices.remove(serial);
        VirtualMfaRecord virtual = account.virtualMfaDevices.get(serial);
        if (virtual != null) {
            account.virtualMfaDevices.put(serial, virtual.unassigned());
        }
        account.removed(user, Blocker.mfaDevice(serial));
        return DeactivateMfaDeviceResponse.builder().build();
    }

    ListVirtualMfaDevicesResponse listVirtualMfaDevices(ListVirtualMfaDevicesRequest request) {
        AssignmentStatusType status = request.assignmentStatus();
        if (status == AssignmentStatusType.UNKNOWN_TO_SDK_VERSION) {
            throw IamErrors.validation("1 validation error detected: Value '" + request.assignmentStatusAsString()
                    + "' at 'assignmentStatus' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [Unassigned, Any, Assigned]");
        }
        List<VirtualMfaRecord> matching = account.virtualMfaDevices.values().stream()
                .filter(device -> status == null || status == AssignmentStatusType.ANY
                        || device.isAssigned() == (status == AssignmentStatusType.ASSIGNED))
                .toList();
        Page<VirtualMfaRecord> page = account.paginator().page("ListVirtualMFADevices", matching,
                device -> Paginator.bySequence(device.sequence()), request.marker(), request.maxItems());
        return ListVirtualMfaDevicesResponse.builder()
                .virtualMFADevices(page.items().stream().map(this::toSdk).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    DeleteVirtualMfaDeviceResponse deleteVirtualMfaDevice(DeleteVirtualMfaDeviceRequest request) {
        String serial = Inputs.check(InputRule.SERIAL_NUMBER, request.serialNumber());
        if (requireVirtual(serial).isAssigned()) {
            throw IamErrors.deleteConflict("MFA Device is in use.");
        }
        account.virtualMfaDevices.remove(serial);
        return DeleteVirtualMfaDeviceResponse.builder().build();
    }

    /** The seed is shown once, here, and not kept. */
    CreateVirtualMfaDeviceResponse createVirtualMfaDevice(CreateVirtualMfaDeviceRequest request) {
        String name = Inputs.check(InputRule.VIRTUAL_MFA_DEVICE_NAME, request.virtualMFADeviceName());
        String serial = account.virtualMfaSerial(Inputs.pathOrRoot(request.path()), name);
        Inputs.tags(request.tags());
        if (account.virtualMfaDevices.containsKey(serial)) {
            throw IamErrors.alreadyExists("MFADevice entity at the same path and name already exists.");
        }
        addVirtual(serial);
        return CreateVirtualMfaDeviceResponse.builder()
                .virtualMFADevice(VirtualMFADevice.builder()
                        .serialNumber(serial)
                        .base32StringSeed(SdkBytes.fromUtf8String(account.ids.secret(64)))
                        .build())
                .build();
    }

    VirtualMfaRecord addVirtual(String serial) {
        VirtualMfaRecord device = new VirtualMfaRecord(serial, null, null, account.nextSequence());
        account.virtualMfaDevices.put(serial, device);
        return device;
    }

    /** Enables the device for the user; a virtual one is marked as assigned to them. */
    void assign(UserState user, String serial, Instant enableDate) {
        user.mfaDevices.put(serial, new MfaDeviceRecord(serial, enableDate, account.nextSequence()));
        VirtualMfaRecord virtual = account.virtualMfaDevices.get(serial);
        if (virtual != null) {
            account.virtualMfaDevices.put(serial, virtual.assignedTo(user.name(), enableDate));
        }
    }

    Optional<String> assignedOwner(String serial) {
        return account.users().stream().filter(u -> u.mfaDevices.containsKey(serial)).map(UserState::name).findFirst();
    }

    private VirtualMfaRecord requireVirtual(String serial) {
        VirtualMfaRecord device = account.virtualMfaDevices.get(serial);
        if (device == null) {
            throw IamErrors.noSuchEntity("VirtualMFADevice with serial number " + serial + " doesn't exist.");
        }
        return device;
    }

    private VirtualMFADevice toSdk(VirtualMfaRecord device) {
        VirtualMFADevice.Builder sdk = VirtualMFADevice.builder().serialNumber(device.serialNumber());
        if (device.isAssigned()) {
            account.findUser(device.assignedUserName())
                    .ifPresent(user -> sdk.user(user.identity.toSdk(List.of(), user.permissionsBoundaryArn))
                            .enableDate(device.enableDate()));
        }
        return sdk.build();
    }
}
