package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;

class RemovingWhatIsNotThereIsNoSuchEntityTest {

    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String CERT = "TA7SMP42TDN5Z26OBPJE7EXAMPLE";
    private static final String SSH = "APKAEIBAERJR2EXAMPLE";
    private static final String CRED = "ACCAEXAMPLE123EXAMPLE";
    private static final String SERIAL = "arn:aws:iam::123456789012:mfa/nobody";

    /** Every removal, aimed at a user who exists but has nothing of that kind. */
    static Stream<Arguments> removals() {
        Map<String, BiConsumer<IamSimulator, String>> calls = new LinkedHashMap<>();
        calls.put("DeleteLoginProfile", (sim, u) -> sim.deleteLoginProfile(r -> r.userName(u)));
        calls.put("UpdateAccessKey", (sim, u) -> sim.updateAccessKey(r -> r.userName(u).accessKeyId(KEY)
                .status(StatusType.INACTIVE)));
        calls.put("DeleteAccessKey", (sim, u) -> sim.deleteAccessKey(r -> r.userName(u).accessKeyId(KEY)));
        calls.put("UpdateSigningCertificate", (sim, u) -> sim.updateSigningCertificate(r -> r.userName(u)
                .certificateId(CERT).status(StatusType.INACTIVE)));
        calls.put("DeleteSigningCertificate", (sim, u) -> sim.deleteSigningCertificate(r -> r.userName(u)
                .certificateId(CERT)));
        calls.put("UpdateSSHPublicKey", (sim, u) -> sim.updateSSHPublicKey(r -> r.userName(u).sshPublicKeyId(SSH)
                .status(StatusType.INACTIVE)));
        calls.put("DeleteSSHPublicKey", (sim, u) -> sim.deleteSSHPublicKey(r -> r.userName(u).sshPublicKeyId(SSH)));
        calls.put("UpdateServiceSpecificCredential", (sim, u) -> sim.updateServiceSpecificCredential(r -> r
                .userName(u).serviceSpecificCredentialId(CRED).status(StatusType.INACTIVE)));
        calls.put("DeleteServiceSpecificCredential", (sim, u) -> sim.deleteServiceSpecificCredential(r -> r
                .userName(u).serviceSpecificCredentialId(CRED)));
        calls.put("DeactivateMFADevice", (sim, u) -> sim.deactivateMFADevice(r -> r.userName(u).serialNumber(SERIAL)));
        calls.put("DeleteUserPolicy", (sim, u) -> sim.deleteUserPolicy(r -> r.userName(u).policyName("notes")));
        calls.put("DetachUserPolicy", (sim, u) -> sim.detachUserPolicy(r -> r.userName(u).policyArn(Fixtures.READ_ONLY)));
        calls.put("RemoveUserFromGroup", (sim, u) -> sim.removeUserFromGroup(r -> r.userName(u).groupName("developers")));
        return calls.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("removals")
    void removingSomethingTheUserDoesNotHaveIsNoSuchEntity(String operation, BiConsumer<IamSimulator, String> call) {
        IamSimulator sim = Fixtures.simulatorWithUser(Fixtures.clock());
        sim.createGroup(r -> r.groupName("developers"));

        NoSuchEntityException e = assertThrows(NoSuchEntityException.class, () -> call.accept(sim, USER));

        assertEquals("NoSuchEntity", e.awsErrorDetails().errorCode());
        assertEquals(404, e.statusCode());
        assertEquals(operation + ":" + USER, lastCall(sim));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("removals")
    void removingAnythingFromAUserWhoDoesNotExistNamesTheUser(String operation, BiConsumer<IamSimulator, String> call) {
        IamSimulator sim = new IamSimulator(Fixtures.clock());
        sim.createGroup(r -> r.groupName("developers"));

        NoSuchEntityException e = assertThrows(NoSuchEntityException.class, () -> call.accept(sim, "ghost"));

        assertEquals("The user with name ghost cannot be found.", e.awsErrorDetails().errorMessage());
    }

    @org.junit.jupiter.api.Test
    void namedMessagesMatchIam() {
        IamSimulator sim = Fixtures.simulatorWithUser(Fixtures.clock());

        assertEquals("Login Profile for User little_tester cannot be found.", assertThrows(NoSuchEntityException.class,
                () -> sim.getLoginProfile(r -> r.userName(USER))).awsErrorDetails().errorMessage());
        assertEquals("The user with name ghost cannot be found.", assertThrows(NoSuchEntityException.class,
                () -> sim.deleteUser(r -> r.userName("ghost"))).awsErrorDetails().errorMessage());
        assertEquals("Policy " + Fixtures.READ_ONLY + " is not attached to user little_tester.",
                assertThrows(NoSuchEntityException.class, () -> sim.detachUserPolicy(r -> r.userName(USER)
                        .policyArn(Fixtures.READ_ONLY))).awsErrorDetails().errorMessage());
        assertEquals("The group with name nobody-group cannot be found.", assertThrows(NoSuchEntityException.class,
                () -> sim.removeUserFromGroup(r -> r.userName(USER).groupName("nobody-group")))
                .awsErrorDetails().errorMessage());
        assertThrows(NoSuchEntityException.class, () -> sim.deleteVirtualMFADevice(r -> r.serialNumber(SERIAL)));
        assertThrows(NoSuchEntityException.class, () -> sim.getAccessKeyLastUsed(r -> r.accessKeyId(KEY)));
        assertThrows(NoSuchEntityException.class, () -> sim.getUserPolicy(r -> r.userName(USER).policyName("notes")));
    }

    private static String lastCall(IamSimulator sim) {
        Call last = sim.calls().all().get(sim.calls().all().size() - 1);
        return last.operation() + ":" + last.target().split("/")[0];
    }
}
