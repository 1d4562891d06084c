package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.model.Credentials;

class CallLogRecordsEveryCallTest {

    private final MutableClock clock = Fixtures.clock();
    private final IamSimulator sim = new IamSimulator(clock);

    @Test
    void everyCallIsLoggedInOrderWithTargetOutcomeTimeAndMutatingFlag() {
        sim.createUser(r -> r.userName(USER));
        clock.advance(Duration.ofSeconds(1));
        String keyId = sim.createAccessKey(r -> r.userName(USER)).accessKey().accessKeyId();
        sim.listAccessKeys(r -> r.userName(USER));
        assertThrows(DeleteConflictException.class, () -> sim.deleteUser(r -> r.userName(USER)));
        assertThrows(NoSuchEntityException.class, () -> sim.getUser(r -> r.userName("ghost")));
        sim.deleteAccessKey(r -> r.userName(USER).accessKeyId(keyId));
        sim.sts().getCallerIdentity();

        List<Call> expected = List.of(
                new Call("CreateUser", USER, "OK", Fixtures.START, true),
                new Call("CreateAccessKey", USER, "OK", Fixtures.START.plusSeconds(1), true),
                new Call("ListAccessKeys", USER, "OK", Fixtures.START.plusSeconds(1), false),
                new Call("DeleteUser", USER, "DeleteConflict", Fixtures.START.plusSeconds(1), true),
                new Call("GetUser", "ghost", "NoSuchEntity", Fixtures.START.plusSeconds(1), false),
                new Call("DeleteAccessKey", USER + "/" + keyId, "OK", Fixtures.START.plusSeconds(1), true),
                new Call("GetCallerIdentity", "", "OK", Fixtures.START.plusSeconds(1), false));
        assertEquals(expected, sim.calls().all());
        assertEquals(List.of("CreateUser", "CreateAccessKey", "DeleteUser", "DeleteAccessKey"),
                sim.calls().mutating().stream().map(Call::operation).toList());
        assertEquals(1, sim.calls().count("DeleteUser"));

        sim.calls().clear();
        assertEquals(List.of(), sim.calls().all());
    }

    @Test
    void validationFailuresAreLoggedWithAwsErrorCode() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> sim.createUser(r -> r.userName("not a valid name")));
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertEquals("ValidationError", sim.calls().all().get(0).outcome());

        assertThrows(InvalidInputException.class, () -> sim.deleteUser(r -> r.userName(null)));
        assertThrows(InvalidInputException.class, () -> sim.createUser(r -> r.userName("x".repeat(65))));
    }

    @Test
    void mutatingIsDecidedByTheActionName() {
        for (String op : List.of("CreateUser", "DeleteUser", "UpdateAccessKey", "DeactivateMFADevice", "EnableMFADevice",
                "RemoveUserFromGroup", "DetachUserPolicy", "AttachUserPolicy", "AddUserToGroup", "PutUserPolicy",
                "TagUser", "UntagUser", "UploadSSHPublicKey", "ResetServiceSpecificCredential")) {
            assertTrue(CallLog.isMutating(op), op);
        }
        for (String op : List.of("GetUser", "ListAccessKeys", "ListUserTags", "GetAccessKeyLastUsed", "AssumeRole",
                "GetCallerIdentity")) {
            assertFalse(CallLog.isMutating(op), op);
        }
    }

    @Test
    void noSecretEverReachesTheLogToStringsOrErrorMessages() {
        List<String> secrets = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        String password = "Sup3r-Secret-Password!";
        secrets.add(password);

        sim.createUser(r -> r.userName(USER));
        sim.createLoginProfile(r -> r.userName(USER).password(password));
        texts.add(assertThrows(RuntimeException.class,
                () -> sim.createLoginProfile(r -> r.userName(USER).password(password))).getMessage());
        AccessKey key = sim.createAccessKey(r -> r.userName(USER)).accessKey();
        secrets.add(key.secretAccessKey());
        secrets.add(sim.createServiceSpecificCredential(r -> r.userName(USER).serviceName("codecommit.amazonaws.com"))
                .serviceSpecificCredential().servicePassword());
        secrets.add(sim.createVirtualMFADevice(r -> r.virtualMFADeviceName("phone")).virtualMFADevice()
                .base32StringSeed().asUtf8String());
        sim.createRole(r -> r.roleName("offboarder")
                .assumeRolePolicyDocument(RolesAreAssumableOnlyOnceTheyHavePropagatedTest.TRUST_OPERATOR));
        Credentials temporary = sim.sts().assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/offboarder")
                .roleSessionName("offboarding")).credentials();
        assertTrue(temporary.accessKeyId().startsWith("ASIA") && temporary.accessKeyId().length() == 20);
        assertEquals(Fixtures.START.plusSeconds(3600), temporary.expiration());
        secrets.add(temporary.secretAccessKey());
        secrets.add(temporary.sessionToken());

        sim.calls().all().forEach(call -> texts.add(call.toString()));
        texts.add(sim.calls().toString());
        texts.add(sim.toString());
        for (String secret : secrets) {
            assertTrue(secret != null && secret.length() >= 16, "a secret was handed out");
            for (String text : texts) {
                assertFalse(text.contains(secret), () -> "secret leaked into: " + text);
            }
        }
    }
}
