package dev.offboarding.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;

class RolesAreAssumableOnlyOnceTheyHavePropagatedTest {

    static final String TRUST_OPERATOR = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:user/offboarding-operator\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String TRUST_EC2 = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
            + "\"Action\":\"sts:AssumeRole\"}]}";

    private final MutableClock clock = Fixtures.clock();

    private StsException assumeFails(IamSimulator sim, String roleArn) {
        return assertThrows(StsException.class,
                () -> sim.sts().assumeRole(r -> r.roleArn(roleArn).roleSessionName("probe")));
    }

    @Test
    void aNewRoleAnswersAccessDeniedToAssumeRoleUntilItsDelayHasPassed() {
        IamSimulator sim = new IamSimulator(clock).newRolesUsableAfter(Duration.ofSeconds(5));
        String arn = sim.createRole(r -> r.roleName("deployer").assumeRolePolicyDocument(TRUST_OPERATOR)).role().arn();

        assertTrue(sim.getRole(r -> r.roleName("deployer")).role().arn().equals(arn), "GetRole sees it at once");
        StsException denied = assumeFails(sim, arn);
        assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
        assertEquals(403, denied.statusCode());
        assertEquals("User: arn:aws:iam::123456789012:user/offboarding-operator is not authorized to perform: "
                + "sts:AssumeRole on resource: " + arn, denied.awsErrorDetails().errorMessage());
        clock.advance(Duration.ofMillis(4_999));
        assumeFails(sim, arn);
        clock.advance(Duration.ofMillis(1));
        AssumeRoleResponse assumed = sim.sts().assumeRole(r -> r.roleArn(arn).roleSessionName("probe"));
        assertEquals("arn:aws:sts::123456789012:assumed-role/deployer/probe", assumed.assumedRoleUser().arn());
    }

    @Test
    void aRoleWhoseTrustPolicyDoesNotAllowTheCallerIsNeverAssumable() {
        IamSimulator sim = new IamSimulator(clock);
        String arn = sim.createRole(r -> r.roleName("ec2-only").assumeRolePolicyDocument(TRUST_EC2)).role().arn();

        clock.advance(Duration.ofDays(1));
        assertEquals("AccessDenied", assumeFails(sim, arn).awsErrorDetails().errorCode());
    }

    @Test
    void aMissingRoleIsAccessDeniedNotNoSuchEntityLikeSts() {
        IamSimulator sim = new IamSimulator(clock);
        assertEquals("AccessDenied", assumeFails(sim, "arn:aws:iam::123456789012:role/nope").awsErrorDetails().errorCode());
        assertThrows(NoSuchEntityException.class, () -> sim.getRole(r -> r.roleName("nope")));
    }

    /** An Allow that lets the caller in, and a Deny of the caller; the control below is the same without the Deny. */
    private static final String ALLOW_ACCOUNT = "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"123456789012\"},"
            + "\"Action\":\"sts:*\"}";
    private static final String DENY_OPERATOR = "{\"Effect\":\"Deny\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:user/offboarding-operator\"},\"Action\":\"sts:AssumeRole\"}";

    @Test
    void anExplicitDenyInTheTrustPolicyWins() {
        IamSimulator sim = new IamSimulator(clock);
        String arn = sim.createRole(r -> r.roleName("denied").assumeRolePolicyDocument("{\"Statement\":["
                + ALLOW_ACCOUNT + "," + DENY_OPERATOR + "]}")).role().arn();

        StsException denied = assumeFails(sim, arn);
        assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
    }

    @Test
    void theSameTrustPolicyWithoutTheDenyLetsTheCallerIn() {
        IamSimulator sim = new IamSimulator(clock);
        String arn = sim.createRole(r -> r.roleName("allowed").assumeRolePolicyDocument("{\"Statement\":["
                + ALLOW_ACCOUNT + "]}")).role().arn();

        AssumeRoleResponse assumed = sim.sts().assumeRole(r -> r.roleArn(arn).roleSessionName("probe"));
        assertEquals("arn:aws:sts::123456789012:assumed-role/allowed/probe", assumed.assumedRoleUser().arn());
    }

    @Test
    void roleLifecycleAnswersLikeIam() {
        IamSimulator sim = new IamSimulator(clock);
        sim.createRole(r -> r.roleName("r1").path("/team/").assumeRolePolicyDocument(TRUST_OPERATOR));
        assertEquals("arn:aws:iam::123456789012:role/team/r1", sim.getRole(r -> r.roleName("R1")).role().arn());
        assertThrows(EntityAlreadyExistsException.class,
                () -> sim.createRole(r -> r.roleName("r1").assumeRolePolicyDocument(TRUST_OPERATOR)));
        sim.putRolePolicy(r -> r.roleName("r1").policyName("p").policyDocument(Fixtures.POLICY));
        assertThrows(DeleteConflictException.class, () -> sim.deleteRole(r -> r.roleName("r1")));
        assertTrue(sim.roleExists("r1"));
    }

    @Test
    void simulatePrincipalPolicyEvaluatesTheRolesInlinePolicies() {
        IamSimulator sim = new IamSimulator(clock);
        String arn = sim.createRole(r -> r.roleName("reader").assumeRolePolicyDocument(TRUST_OPERATOR)).role().arn();
        sim.putRolePolicy(r -> r.roleName("reader").policyName("p").policyDocument("{\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:Get*\",\"s3:DeleteObject\"],\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"*\"}]}"));

        var results = sim.simulatePrincipalPolicy(r -> r.policySourceArn(arn)
                .actionNames("s3:GetObject", "s3:DeleteObject", "iam:DeleteUser")).evaluationResults();

        assertEquals(List.of(PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.EXPLICIT_DENY,
                PolicyEvaluationDecisionType.IMPLICIT_DENY), results.stream().map(e -> e.evalDecision()).toList());
        assertFalse(sim.calls().all().get(2).mutating());
    }

    @Test
    void withoutItsDenyStatementTheSameInlinePolicyAllowsTheDeniedAction() {
        IamSimulator sim = new IamSimulator(clock);
        String arn = sim.createRole(r -> r.roleName("reader").assumeRolePolicyDocument(TRUST_OPERATOR)).role().arn();
        sim.putRolePolicy(r -> r.roleName("reader").policyName("p").policyDocument("{\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:Get*\",\"s3:DeleteObject\"],\"Resource\":\"*\"}]}"));

        var results = sim.simulatePrincipalPolicy(r -> r.policySourceArn(arn)
                .actionNames("s3:GetObject", "s3:DeleteObject", "iam:DeleteUser")).evaluationResults();

        assertEquals(List.of(PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.ALLOWED,
                PolicyEvaluationDecisionType.IMPLICIT_DENY), results.stream().map(e -> e.evalDecision()).toList());
    }

    @Test
    void eachAccountOfAnOrganizationIsItsOwnIamWorldReachedThroughAssumeRole() throws Exception {
        SimulatedOrganization org = SimulatedOrganization.fromWorld(new ObjectMapper().readTree("""
                {"accounts": [
                  {"accountId": "111111111111", "users": [{"userName": "bob"}]},
                  {"accountId": "222222222222", "users": [{"userName": "bob"}],
                   "roles": [{"roleName": "offboarding", "usableAfterSeconds": 90,
                              "assumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                  "Principal": {"AWS": "arn:aws:iam::111111111111:root"}}]}}]}
                ]}"""), clock);
        String arn = "arn:aws:iam::222222222222:role/offboarding";

        assumeFails(org.home(), arn);
        clock.advance(Duration.ofSeconds(90));
        AssumeRoleResponse assumed = org.home().sts().assumeRole(r -> r.roleArn(arn).roleSessionName("exec-1"));
        assertEquals("arn:aws:sts::222222222222:assumed-role/offboarding/exec-1", assumed.assumedRoleUser().arn());
        var credentials = AwsSessionCredentials.create(assumed.credentials().accessKeyId(),
                assumed.credentials().secretAccessKey(), assumed.credentials().sessionToken());
        org.iamFor(credentials).deleteUser(r -> r.userName("bob"));

        assertFalse(org.account("222222222222").userExists("bob"));
        assertTrue(org.home().userExists("bob"), "the home account's bob is another user");
        assertEquals("AssumeRole", org.home().calls().all().get(1).operation());
        assertThrows(IllegalArgumentException.class,
                () -> org.iamFor(AwsSessionCredentials.create("ASIAUNKNOWN000000000", "x", "y")));
    }

    @Test
    void worldFileRolesAreChecked() throws Exception {
        ObjectMapper json = new ObjectMapper();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IamSimulator.fromWorld(
                json.readTree("{\"roles\": [{\"roleName\": \"r\"}]}"), clock));
        assertEquals("roles[0].assumeRolePolicyDocument: is required: the role's trust policy", e.getMessage());
    }
}
