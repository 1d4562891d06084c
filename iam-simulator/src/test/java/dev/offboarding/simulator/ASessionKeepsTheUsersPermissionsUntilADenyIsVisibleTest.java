package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A session (GetSessionToken's credentials) outlives changes to its user until IAM's enforcement sees them: every
 * request is decided on the user's permissions as they were the visibility lag ago.
 */
class ASessionKeepsTheUsersPermissionsUntilADenyIsVisibleTest {

    private static final Duration LAG = Duration.ofSeconds(5);
    private static final String ACTION = "s3:GetObject";
    static final String AWS_DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";
    static final String DENY_EVERYTHING = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", "
            + "\"Action\": \"*\", \"Resource\": \"*\"}]}";

    private final MutableClock clock = Fixtures.clock();
    private final IamSimulator sim = Fixtures.simulatorWithUser(clock).visibilityLag(LAG);

    /** The three ways to deny a user everything, each with how to lift it again. */
    enum Deny {
        AWS_DENY_ALL_ATTACHED {
            @Override
            Runnable impose(IamSimulator sim) {
                sim.attachUserPolicy(r -> r.userName(USER).policyArn(AWS_DENY_ALL));
                return () -> sim.detachUserPolicy(r -> r.userName(USER).policyArn(AWS_DENY_ALL));
            }
        },
        INLINE_DENY {
            @Override
            Runnable impose(IamSimulator sim) {
                sim.putUserPolicy(r -> r.userName(USER).policyName("lock-out").policyDocument(DENY_EVERYTHING));
                return () -> sim.deleteUserPolicy(r -> r.userName(USER).policyName("lock-out"));
            }
        },
        DENY_ALL_BOUNDARY {
            @Override
            Runnable impose(IamSimulator sim) {
                sim.putUserPermissionsBoundary(r -> r.userName(USER).permissionsBoundary(AWS_DENY_ALL));
                return () -> sim.deleteUserPermissionsBoundary(r -> r.userName(USER));
            }
        };

        abstract Runnable impose(IamSimulator sim);
    }

    @BeforeEach
    void theUserMayReadObjects() {
        sim.putUserPolicy(r -> r.userName(USER).policyName("work").policyDocument(Fixtures.POLICY));
        clock.advance(LAG);
    }

    @ParameterizedTest
    @EnumSource(Deny.class)
    void aDenyStopsALiveSessionOnlyOnceEnforcementSeesIt(Deny deny) {
        Session session = sim.sessions().issue(USER);
        assertEquals(SessionDecision.ALLOWED, sim.sessions().decide(session, ACTION));

        Runnable lift = deny.impose(sim);
        assertEquals(SessionDecision.ALLOWED, sim.sessions().decide(session, ACTION), "not seen yet");
        clock.advance(LAG.minusMillis(1));
        assertTrue(sim.sessions().allows(session, ACTION), "still not seen, a millisecond before the lag is over");
        clock.advance(Duration.ofMillis(1));
        assertEquals(SessionDecision.EXPLICIT_DENY, sim.sessions().decide(session, ACTION));
        assertFalse(sim.sessions().allows(session, "iam:CreateAccessKey"), "everything is denied");
        assertEquals(SessionDecision.EXPLICIT_DENY, sim.sessions().decide(sim.sessions().issue(USER), ACTION),
                "a session issued after the deny is denied too");

        lift.run();
        assertEquals(SessionDecision.EXPLICIT_DENY, sim.sessions().decide(session, ACTION),
                "the removal of the deny is not seen yet");
        clock.advance(LAG);
        assertEquals(SessionDecision.ALLOWED, sim.sessions().decide(session, ACTION));
    }

    @Test
    void aDeletedUsersSessionsAreRefusedOnceTheDeletionIsSeenAndNeverServeANewUserOfTheSameName() {
        Session session = sim.sessions().issue(USER);
        sim.deleteUserPolicy(r -> r.userName(USER).policyName("work"));
        clock.advance(LAG);
        assertEquals(SessionDecision.IMPLICIT_DENY, sim.sessions().decide(session, ACTION), "nothing allows it");

        sim.deleteUser(r -> r.userName(USER));
        assertEquals(SessionDecision.IMPLICIT_DENY, sim.sessions().decide(session, ACTION),
                "the deletion is not seen yet");
        clock.advance(LAG);
        assertEquals(SessionDecision.USER_GONE, sim.sessions().decide(session, ACTION));

        sim.createUser(r -> r.userName(USER));
        sim.attachUserPolicy(r -> r.userName(USER).policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        clock.advance(LAG);
        assertEquals(SessionDecision.USER_GONE, sim.sessions().decide(session, ACTION),
                "the new user of that name is another user");
        assertTrue(sim.sessions().allows(sim.sessions().issue(USER), ACTION));
    }

    @Test
    void aUserStartsWithWhatAWorldGivesIt() throws Exception {
        IamSimulator world = IamSimulator.fromWorld(new ObjectMapper().readTree("""
                {"users": [{"userName": "reader", "inlinePolicies": [{"policyName": "read",
                  "policyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}}]}]}
                """), clock).visibilityLag(LAG);

        Session session = world.sessions().issue("reader");

        assertEquals(SessionDecision.ALLOWED, world.sessions().decide(session, ACTION), "no lag on the start");
        assertEquals(SessionDecision.IMPLICIT_DENY, world.sessions().decide(session, "s3:PutObject"));
    }

    @Test
    void aGroupsPoliciesReachTheSessionThroughTheMembershipAndLeaveWithIt() throws Exception {
        IamSimulator world = IamSimulator.fromWorld(new ObjectMapper().readTree("""
                {"groups": [{"groupName": "admins", "attachedPolicies": [
                   {"policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]},
                  {"groupName": "quarantine", "inlinePolicies": [{"policyName": "deny",
                   "policyDocument": {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}}]}],
                 "users": [{"userName": "ops"}]}
                """), clock).visibilityLag(LAG);
        Session session = world.sessions().issue("ops");

        world.addUserToGroup(r -> r.userName("ops").groupName("admins"));
        assertEquals(SessionDecision.IMPLICIT_DENY, world.sessions().decide(session, "ec2:RunInstances"));
        clock.advance(LAG);
        assertEquals(SessionDecision.ALLOWED, world.sessions().decide(session, "ec2:RunInstances"));

        world.addUserToGroup(r -> r.userName("ops").groupName("quarantine"));
        clock.advance(LAG);
        assertEquals(SessionDecision.EXPLICIT_DENY, world.sessions().decide(session, "ec2:RunInstances"));

        world.removeUserFromGroup(r -> r.userName("ops").groupName("quarantine"));
        world.removeUserFromGroup(r -> r.userName("ops").groupName("admins"));
        assertEquals(SessionDecision.EXPLICIT_DENY, world.sessions().decide(session, "ec2:RunInstances"));
        clock.advance(LAG);
        assertEquals(SessionDecision.IMPLICIT_DENY, world.sessions().decide(session, "ec2:RunInstances"));
    }

    @Test
    void aSessionLastsTwelveHoursUnlessAskedOtherwiseWithinGetSessionTokensBounds() {
        Session session = sim.sessions().issue(USER);
        Session shortest = sim.sessions().issue(USER, Duration.ofMinutes(15));
        Session longest = sim.sessions().issue(USER, Duration.ofHours(36));

        assertEquals(clock.instant(), session.issuedAt());
        assertEquals(clock.instant().plus(Duration.ofHours(12)), session.expiresAt());
        clock.advance(Duration.ofMinutes(15).minusMillis(1));
        assertEquals(SessionDecision.ALLOWED, sim.sessions().decide(shortest, ACTION));
        clock.advance(Duration.ofMillis(1));
        assertEquals(SessionDecision.EXPIRED, sim.sessions().decide(shortest, ACTION));
        clock.advance(Duration.ofHours(12));
        assertEquals(SessionDecision.EXPIRED, sim.sessions().decide(session, ACTION));
        assertEquals(SessionDecision.ALLOWED, sim.sessions().decide(longest, ACTION));

        for (Duration wrong : Arrays.asList(Duration.ofMinutes(14), Duration.ofHours(36).plusSeconds(1), null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> sim.sessions().issue(USER, wrong));
            assertTrue(e.getMessage().startsWith("a session lasts from 15 minutes to 36 hours"), e.getMessage());
        }
    }

    @Test
    void onlyAnExistingUserGetsASessionAndOnlyIssuedSessionsAreDecided() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sim.sessions().issue("ghost"));
        assertTrue(e.getMessage().startsWith("no user named ghost"), e.getMessage());

        Session real = sim.sessions().issue(USER);
        Session forged = new Session("ASIAFORGEDFORGED0000", USER, real.issuedAt(), real.expiresAt());
        assertThrows(IllegalArgumentException.class, () -> sim.sessions().decide(forged, ACTION));
        Session stretched = new Session(real.accessKeyId(), USER, real.issuedAt(), real.expiresAt().plusSeconds(1));
        assertThrows(IllegalArgumentException.class, () -> sim.sessions().decide(stretched, ACTION));
        assertThrows(IllegalArgumentException.class, () -> sim.sessions().decide(real, "GetObject"));
    }

    @Test
    void sessionsAreNoIamCallsAreNeverFaultedAndCarryNoSecret() {
        sim.calls().clear();
        sim.faults().deny(FaultInjector.ANY_OPERATION);
        sim.faults().throttle(FaultInjector.ANY_OPERATION, 10);

        Session session = sim.sessions().issue(USER);
        assertTrue(sim.sessions().allows(session, ACTION));

        assertEquals(List.of(), sim.calls().all(), "benchmarks count IAM calls from the log");
        assertTrue(session.accessKeyId().matches("ASIA[A-Z2-7]{16}"), session.accessKeyId());
        assertEquals(List.of("accessKeyId", "userName", "issuedAt", "expiresAt"),
                Arrays.stream(Session.class.getRecordComponents()).map(c -> c.getName()).toList(),
                "no secret access key, no session token");
    }
}
