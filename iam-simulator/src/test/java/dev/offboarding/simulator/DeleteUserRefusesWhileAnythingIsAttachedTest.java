package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;

class DeleteUserRefusesWhileAnythingIsAttachedTest {

    private final IamSimulator sim = Fixtures.simulatorWithUser(Fixtures.clock());

    @ParameterizedTest
    @EnumSource(Attachment.class)
    void eachKindAloneBlocksDeleteUserWithItsOwnMessageUntilRemoved(Attachment kind) {
        Runnable remove = kind.attach(sim, USER);

        DeleteConflictException e = assertThrows(DeleteConflictException.class,
                () -> sim.deleteUser(r -> r.userName(USER)));
        assertEquals("DeleteConflict", e.awsErrorDetails().errorCode());
        assertEquals(kind.deleteConflictMessage, e.awsErrorDetails().errorMessage());
        assertEquals(409, e.statusCode());
        assertTrue(sim.userExists(USER), "a refused DeleteUser removes nothing");
        assertEquals(1, sim.remainingBlockers(USER).size());

        remove.run();
        sim.deleteUser(r -> r.userName(USER));
        assertFalse(sim.userExists(USER));
    }

    @Test
    void conflictsAreReportedInIamsOrderLoginProfileFirst() {
        for (Attachment kind : List.of(Attachment.GROUP_MEMBERSHIP, Attachment.ATTACHED_POLICY,
                Attachment.INLINE_POLICY, Attachment.MFA_DEVICE, Attachment.ACCESS_KEY, Attachment.LOGIN_PROFILE)) {
            kind.attach(sim, USER);
        }
        List<String> messages = List.of(
                Attachment.LOGIN_PROFILE.deleteConflictMessage,
                Attachment.ACCESS_KEY.deleteConflictMessage,
                Attachment.MFA_DEVICE.deleteConflictMessage,
                Attachment.INLINE_POLICY.deleteConflictMessage,
                Attachment.ATTACHED_POLICY.deleteConflictMessage,
                Attachment.GROUP_MEMBERSHIP.deleteConflictMessage);
        List<Runnable> removals = List.of(
                () -> sim.deleteLoginProfile(r -> r.userName(USER)),
                () -> sim.listAccessKeys(r -> r.userName(USER)).accessKeyMetadata()
                        .forEach(k -> sim.deleteAccessKey(r -> r.userName(USER).accessKeyId(k.accessKeyId()))),
                () -> sim.listMFADevices(r -> r.userName(USER)).mfaDevices()
                        .forEach(d -> sim.deactivateMFADevice(r -> r.userName(USER).serialNumber(d.serialNumber()))),
                () -> sim.deleteUserPolicy(r -> r.userName(USER).policyName("notes")),
                () -> sim.detachUserPolicy(r -> r.userName(USER).policyArn(Fixtures.READ_ONLY)),
                () -> sim.removeUserFromGroup(r -> r.userName(USER).groupName("developers")));
        for (int i = 0; i < messages.size(); i++) {
            DeleteConflictException e = assertThrows(DeleteConflictException.class,
                    () -> sim.deleteUser(r -> r.userName(USER)));
            assertEquals(messages.get(i), e.awsErrorDetails().errorMessage());
            removals.get(i).run();
        }
        sim.deleteUser(r -> r.userName(USER));
        assertFalse(sim.userExists(USER));
    }

    @Test
    void aPermissionsBoundaryAndTagsDoNotBlock() {
        sim.createUser(r -> r.userName("bounded")
                .permissionsBoundary("arn:aws:iam::123456789012:policy/boundary")
                .tags(Fixtures.tag("team", "qa")));
        sim.tagUser(r -> r.userName("bounded").tags(Fixtures.tag("cost-centre", "42")));

        assertEquals(List.of(), sim.remainingBlockers("bounded"));
        sim.deleteUser(r -> r.userName("bounded"));
        assertFalse(sim.userExists("bounded"));
    }

    @Test
    void remainingBlockersNamesWhatIsStillAttached() {
        String keyId = sim.createAccessKey(r -> r.userName(USER)).accessKey().accessKeyId();
        Attachment.LOGIN_PROFILE.attach(sim, USER);

        assertEquals(List.of("login profile", "access key " + keyId), sim.remainingBlockers(USER));
        assertEquals(List.of(), sim.remainingBlockers("nobody"));
    }
}
