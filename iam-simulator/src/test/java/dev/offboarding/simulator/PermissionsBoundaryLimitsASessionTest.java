package dev.offboarding.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * A permissions boundary caps what a user's identity policies grant: a request is allowed only when both allow it,
 * an explicit Deny in either denies it, and the boundary grants nothing by itself.
 */
class PermissionsBoundaryLimitsASessionTest {

    private static final Duration LAG = Duration.ofSeconds(5);
    private static final String S3_ONLY = "arn:aws:iam::123456789012:policy/s3-only";
    private static final String EC2_ONLY = "arn:aws:iam::123456789012:policy/ec2-only";
    private static final String NO_DELETES = "arn:aws:iam::123456789012:policy/everything-but-deletes";

    private final MutableClock clock = Fixtures.clock();
    private final IamSimulator sim = world();

    private IamSimulator world() {
        try {
            return IamSimulator.fromWorld(new ObjectMapper().readTree("""
                    {"managedPolicies": [
                       {"policyArn": "%s", "policyDocument": {"Statement": [
                          {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}},
                       {"policyArn": "%s", "policyDocument": {"Statement": [
                          {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}},
                       {"policyArn": "%s", "policyDocument": {"Statement": [
                          {"Effect": "Allow", "Action": "*", "Resource": "*"},
                          {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}}],
                     "users": [{"userName": "dev", "permissionsBoundary": "%s", "inlinePolicies": [
                       {"policyName": "s3-and-iam", "policyDocument": {"Statement": [
                          {"Effect": "Allow", "Action": ["s3:*", "iam:*"], "Resource": "*"}]}}]}]}
                    """.formatted(S3_ONLY, EC2_ONLY, NO_DELETES, S3_ONLY)), clock).visibilityLag(LAG);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onlyWhatBothTheIdentityPoliciesAndTheBoundaryAllowIsAllowed() {
        Session session = sim.sessions().issue("dev");

        assertEquals(SessionDecision.ALLOWED, sim.sessions().decide(session, "s3:GetObject"));
        assertEquals(SessionDecision.IMPLICIT_DENY, sim.sessions().decide(session, "iam:CreateAccessKey"),
                "the identity policy allows it, the boundary does not");
        assertEquals(SessionDecision.IMPLICIT_DENY, sim.sessions().decide(session, "ec2:RunInstances"),
                "neither allows it");
    }

    @Test
    void aBoundaryGrantsNothingByItself() {
        Session session = sim.sessions().issue("dev");
        sim.putUserPermissionsBoundary(r -> r.userName("dev").permissionsBoundary(EC2_ONLY));
        clock.advance(LAG);

        assertEquals(SessionDecision.IMPLICIT_DENY, sim.sessions().decide(session, "ec2:RunInstances"),
                "the boundary allows it, no identity policy does");
        assertEquals(SessionDecision.IMPLICIT_DENY, sim.sessions().decide(session, "s3:GetObject"));
    }

    @Test
    void aDenyInTheBoundaryDeniesWhatTheIdentityPoliciesAllow() {
        Session session = sim.sessions().issue("dev");
        sim.putUserPermissionsBoundary(r -> r.userName("dev").permissionsBoundary(NO_DELETES));
        clock.advance(LAG);

        assertEquals(SessionDecision.ALLOWED, sim.sessions().decide(session, "iam:CreateAccessKey"));
        assertEquals(SessionDecision.EXPLICIT_DENY, sim.sessions().decide(session, "s3:DeleteObject"));
    }

    @Test
    void changingOrRemovingTheBoundaryReachesEnforcementAfterTheLag() {
        Session session = sim.sessions().issue("dev");

        sim.putUserPermissionsBoundary(r -> r.userName("dev").permissionsBoundary(NO_DELETES));
        assertEquals(SessionDecision.IMPLICIT_DENY, sim.sessions().decide(session, "iam:CreateAccessKey"),
                "the new boundary is not seen yet");
        clock.advance(LAG);
        assertEquals(SessionDecision.ALLOWED, sim.sessions().decide(session, "iam:CreateAccessKey"));

        sim.deleteUserPermissionsBoundary(r -> r.userName("dev"));
        assertEquals(SessionDecision.EXPLICIT_DENY, sim.sessions().decide(session, "s3:DeleteObject"));
        clock.advance(LAG);
        assertEquals(SessionDecision.ALLOWED, sim.sessions().decide(session, "s3:DeleteObject"),
                "without a boundary the identity policies alone decide");
    }

    @Test
    void aBoundaryWhoseDocumentTheSimulatorDoesNotKnowAllowsNothing() {
        Session session = sim.sessions().issue("dev");
        sim.putUserPermissionsBoundary(r -> r.userName("dev")
                .permissionsBoundary("arn:aws:iam::aws:policy/PowerUserAccess"));
        clock.advance(LAG);

        assertEquals(SessionDecision.IMPLICIT_DENY, sim.sessions().decide(session, "s3:GetObject"));
    }
}
