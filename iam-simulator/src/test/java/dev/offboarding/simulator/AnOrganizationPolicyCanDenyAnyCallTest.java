package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * A service control policy of the caller's organization can deny any call: it fails before it takes effect with
 * AccessDenied (403), worded as AWS words it, whatever the caller's own permissions; only GetCallerIdentity is
 * always answered.
 */
class AnOrganizationPolicyCanDenyAnyCallTest {

    private static final String OPERATOR = "arn:aws:iam::123456789012:user/offboarding-operator";
    private static final String USER_ARN = "arn:aws:iam::123456789012:user/little_tester";

    private final IamSimulator sim = Fixtures.simulatorWithUser(Fixtures.clock());

    static String deniedMessage(String caller, String action, String resource) {
        return "User: " + caller + " is not authorized to perform: " + action + " on resource: " + resource
                + " with an explicit deny in a service control policy";
    }

    @Test
    void aDeniedCallFailsWithAccessDeniedAndChangesNothingUntilTheDenialIsLifted() {
        String key = sim.createAccessKey(r -> r.userName(USER)).accessKey().accessKeyId();
        sim.faults().deny("DeleteAccessKey");

        for (int i = 0; i < 3; i++) {
            IamException e = assertThrows(IamException.class,
                    () -> sim.deleteAccessKey(r -> r.userName(USER).accessKeyId(key)));
            assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
            assertEquals(403, e.statusCode());
            assertEquals(deniedMessage(OPERATOR, "iam:DeleteAccessKey", USER_ARN), e.awsErrorDetails().errorMessage());
        }
        assertEquals(List.of("access key " + key), sim.remainingBlockers(USER), "a denied call changes nothing");
        sim.updateAccessKey(r -> r.userName(USER).accessKeyId(key).status("Inactive"));

        sim.faults().stopDenying("DeleteAccessKey");
        sim.deleteAccessKey(r -> r.userName(USER).accessKeyId(key));
        assertEquals(List.of("AccessDenied", "AccessDenied", "AccessDenied", "OK"), outcomes("DeleteAccessKey"));
    }

    @Test
    void aDenialCanBeForTheNextCallsOnly() {
        sim.faults().deny("PutUserPolicy", 2);

        for (int i = 0; i < 2; i++) {
            assertThrows(IamException.class, () -> sim.putUserPolicy(r -> r.userName(USER).policyName("p")
                    .policyDocument(Fixtures.POLICY)));
        }
        sim.putUserPolicy(r -> r.userName(USER).policyName("p").policyDocument(Fixtures.POLICY));

        assertEquals(List.of("AccessDenied", "AccessDenied", "OK"), outcomes("PutUserPolicy"));
    }

    @Test
    void denyingEveryOperationLeavesOnlyGetCallerIdentityAndARestartLiftsIt() {
        sim.createRole(r -> r.roleName("offboarder")
                .assumeRolePolicyDocument(RolesAreAssumableOnlyOnceTheyHavePropagatedTest.TRUST_OPERATOR));
        sim.faults().deny(FaultInjector.ANY_OPERATION);

        IamException read = assertThrows(IamException.class, () -> sim.getUser(r -> r.userName(USER)));
        assertEquals(deniedMessage(OPERATOR, "iam:GetUser", USER_ARN), read.awsErrorDetails().errorMessage());
        String roleArn = "arn:aws:iam::123456789012:role/offboarder";
        StsException assume = assertThrows(StsException.class,
                () -> sim.sts().assumeRole(r -> r.roleArn(roleArn).roleSessionName("offboarding")));
        assertEquals("AccessDenied", assume.awsErrorDetails().errorCode());
        assertEquals(403, assume.statusCode());
        assertEquals(deniedMessage(OPERATOR, "sts:AssumeRole", roleArn), assume.awsErrorDetails().errorMessage());
        assertEquals(OPERATOR, sim.sts().getCallerIdentity().arn(), "no policy can deny GetCallerIdentity");
        assertThrows(IllegalArgumentException.class, () -> sim.faults().deny("GetCallerIdentity"));

        sim.faults().restart();
        sim.getUser(r -> r.userName(USER));
        sim.sts().assumeRole(r -> r.roleArn(roleArn).roleSessionName("offboarding"));
    }

    @Test
    void theMessageNamesTheResourceTheCallActsOnAndTheCallerAsItIs() throws Exception {
        IamSimulator world = IamSimulator.fromWorld(new ObjectMapper().readTree("""
                {"caller": {"arn": "arn:aws:sts::123456789012:assumed-role/offboarding/exec-1"},
                 "groups": [{"groupName": "developers", "path": "/teams/"}],
                 "users": [{"userName": "carol", "path": "/staff/",
                            "accessKeys": [{"accessKeyId": "AKIAEXAMPLECAROL0001"}]}]}
                """), Fixtures.clock());
        world.faults().deny(FaultInjector.ANY_OPERATION);
        String caller = "arn:aws:sts::123456789012:assumed-role/offboarding/exec-1";

        assertEquals(deniedMessage(caller, "iam:DeleteUser", "arn:aws:iam::123456789012:user/staff/carol"),
                deniedBy(() -> world.deleteUser(r -> r.userName("carol"))));
        assertEquals(deniedMessage(caller, "iam:AddUserToGroup", "arn:aws:iam::123456789012:group/teams/developers"),
                deniedBy(() -> world.addUserToGroup(r -> r.userName("carol").groupName("developers"))));
        assertEquals(deniedMessage(caller, "iam:GetAccessKeyLastUsed", "arn:aws:iam::123456789012:user/staff/carol"),
                deniedBy(() -> world.getAccessKeyLastUsed(r -> r.accessKeyId("AKIAEXAMPLECAROL0001"))));
        assertEquals(deniedMessage(caller, "iam:CreateUser", "arn:aws:iam::123456789012:user/new/dave"),
                deniedBy(() -> world.createUser(r -> r.userName("dave").path("/new/"))));
        assertEquals(deniedMessage(caller, "iam:DeleteVirtualMFADevice", "arn:aws:iam::123456789012:mfa/phone"),
                deniedBy(() -> world.deleteVirtualMFADevice(r -> r.serialNumber("arn:aws:iam::123456789012:mfa/phone"))));

        sim.faults().deny(FaultInjector.ANY_OPERATION);
        assertEquals(deniedMessage(OPERATOR, "iam:ListAccessKeys", "arn:aws:iam::123456789012:user/offboarding-operator"),
                deniedBy(() -> sim.listAccessKeys()), "no UserName: the calling user");
        assertEquals(deniedMessage(OPERATOR, "iam:CreateVirtualMFADevice", "arn:aws:iam::123456789012:mfa/phone"),
                deniedBy(() -> sim.createVirtualMFADevice(r -> r.virtualMFADeviceName("phone"))),
                "not the calling user: the request names no user");
    }

    @Test
    void theSdkOverHttpGetsTheSameAccessDenied() {
        sim.faults().deny("PutUserPolicy");
        try (SdkOverHttp http = SdkOverHttp.serving(sim)) {
            IamClient iam = http.iam();

            IamException e = assertThrows(IamException.class, () -> iam.putUserPolicy(r -> r.userName(USER)
                    .policyName("lock-out").policyDocument(ASessionKeepsTheUsersPermissionsUntilADenyIsVisibleTest
                            .DENY_EVERYTHING)));

            assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
            assertEquals(403, e.statusCode());
            assertEquals(deniedMessage(OPERATOR, "iam:PutUserPolicy", USER_ARN), e.awsErrorDetails().errorMessage());
            assertEquals(List.of(), iam.listUserPolicies(r -> r.userName(USER)).policyNames());
            assertTrue(e.requestId() != null && !e.requestId().isEmpty(), "AWS answers every error with a request id");
        }
    }

    private static String deniedBy(Runnable call) {
        IamException e = assertThrows(IamException.class, call::run);
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
        return e.awsErrorDetails().errorMessage();
    }

    private List<String> outcomes(String operation) {
        return sim.calls().all().stream().filter(c -> c.operation().equals(operation)).map(Call::outcome).toList();
    }
}
