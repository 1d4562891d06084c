package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

class VirtualMfaDeviceOutlivesItsAssignmentTest {

    private static final String SERIAL = "arn:aws:iam::123456789012:mfa/little_tester";

    private final MutableClock clock = Fixtures.clock();
    private final IamSimulator sim = Fixtures.simulatorWithUser(clock);

    @Test
    void deactivationLeavesTheVirtualDeviceUnassignedUntilItIsDeleted() {
        assertEquals(SERIAL, sim.createVirtualMFADevice(r -> r.virtualMFADeviceName(USER)).virtualMFADevice().serialNumber());
        enable(SERIAL);

        MFADevice assigned = sim.listMFADevices(r -> r.userName(USER)).mfaDevices().get(0);
        assertEquals(SERIAL, assigned.serialNumber());
        assertEquals(Fixtures.START, assigned.enableDate());
        VirtualMFADevice listed = sim.listVirtualMFADevices(r -> r.assignmentStatus(AssignmentStatusType.ASSIGNED))
                .virtualMFADevices().get(0);
        assertEquals(USER, listed.user().userName());

        DeleteConflictException inUse = assertThrows(DeleteConflictException.class,
                () -> sim.deleteVirtualMFADevice(r -> r.serialNumber(SERIAL)));
        assertEquals("MFA Device is in use.", inUse.awsErrorDetails().errorMessage());

        sim.deactivateMFADevice(r -> r.userName(USER).serialNumber(SERIAL));
        assertEquals(List.of(), sim.listMFADevices(r -> r.userName(USER)).mfaDevices());
        assertEquals(Set.of(SERIAL), sim.virtualMfaDeviceSerials());
        VirtualMFADevice unassigned = sim.listVirtualMFADevices(r -> r.assignmentStatus(AssignmentStatusType.UNASSIGNED))
                .virtualMFADevices().get(0);
        assertEquals(SERIAL, unassigned.serialNumber());
        assertNull(unassigned.user());
        assertEquals(List.of(), sim.listVirtualMFADevices(r -> r.assignmentStatus(AssignmentStatusType.ASSIGNED))
                .virtualMFADevices());

        sim.deleteVirtualMFADevice(r -> r.serialNumber(SERIAL));
        assertEquals(Set.of(), sim.virtualMfaDeviceSerials());
        assertThrows(NoSuchEntityException.class, () -> sim.deleteVirtualMFADevice(r -> r.serialNumber(SERIAL)));
    }

    @Test
    void hardwareAndFidoDevicesSimplyDisappearOnDeactivation() {
        String hardware = "GAHT12345678";
        String fido = "arn:aws:iam::123456789012:u2f/user/little_tester/yubikey-ABCDEFGHIJKLMNOP";
        enable(hardware);
        enable(fido);

        sim.deactivateMFADevice(r -> r.userName(USER).serialNumber(hardware));
        sim.deactivateMFADevice(r -> r.userName(USER).serialNumber(fido));

        assertEquals(List.of(), sim.listMFADevices(r -> r.userName(USER)).mfaDevices());
        assertEquals(Set.of(), sim.virtualMfaDeviceSerials());
        sim.deleteUser(r -> r.userName(USER));
    }

    @Test
    void aVirtualDeviceServesOneUserAtATime() {
        sim.createVirtualMFADevice(r -> r.virtualMFADeviceName(USER));
        enable(SERIAL);
        sim.createUser(r -> r.userName("other"));

        assertThrows(EntityAlreadyExistsException.class, () -> sim.enableMFADevice(r -> r.userName("other")
                .serialNumber(SERIAL).authenticationCode1("123456").authenticationCode2("654321")));
        assertThrows(NoSuchEntityException.class, () -> sim.enableMFADevice(r -> r.userName("other")
                .serialNumber("arn:aws:iam::123456789012:mfa/never-created")
                .authenticationCode1("123456").authenticationCode2("654321")));
    }

    private void enable(String serial) {
        sim.enableMFADevice(r -> r.userName(USER).serialNumber(serial)
                .authenticationCode1("123456").authenticationCode2("654321"));
    }
}
