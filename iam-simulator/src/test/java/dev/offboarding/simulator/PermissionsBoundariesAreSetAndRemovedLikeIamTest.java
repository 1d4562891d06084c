package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.User;

/** PutUserPermissionsBoundary and DeleteUserPermissionsBoundary answer as IAM does, in process and over HTTP. */
class PermissionsBoundariesAreSetAndRemovedLikeIamTest {

    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";

    private final IamSimulator sim = Fixtures.simulatorWithUser(Fixtures.clock());

    @Test
    void getUserShowsTheBoundaryFromWhenItIsSetUntilItIsRemoved() {
        assertNull(boundaryOf(sim));

        sim.putUserPermissionsBoundary(r -> r.userName(USER).permissionsBoundary(DENY_ALL));
        User user = sim.getUser(r -> r.userName(USER)).user();
        assertEquals(DENY_ALL, user.permissionsBoundary().permissionsBoundaryArn());
        assertEquals(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY,
                user.permissionsBoundary().permissionsBoundaryType());

        sim.putUserPermissionsBoundary(r -> r.userName(USER).permissionsBoundary(Fixtures.READ_ONLY));
        assertEquals(Fixtures.READ_ONLY, boundaryOf(sim), "a second put replaces the boundary");

        sim.deleteUserPermissionsBoundary(r -> r.userName(USER));
        assertNull(boundaryOf(sim));
        sim.deleteUserPermissionsBoundary(r -> r.userName(USER));
        assertNull(boundaryOf(sim), "removing a boundary that is not set succeeds and changes nothing");
        assertEquals(List.of(), sim.remainingBlockers(USER), "a boundary never blocks DeleteUser");
    }

    @Test
    void aBoundaryMustBeAManagedPolicyThatExists() {
        String missing = "arn:aws:iam::123456789012:policy/never-created";
        NoSuchEntityException absent = assertThrows(NoSuchEntityException.class,
                () -> sim.putUserPermissionsBoundary(r -> r.userName(USER).permissionsBoundary(missing)));
        assertEquals(404, absent.statusCode());
        assertEquals("Scope ARN: " + missing + " does not exist or is not attachable.",
                absent.awsErrorDetails().errorMessage());
        assertThrows(NoSuchEntityException.class, () -> sim.putUserPermissionsBoundary(r -> r.userName(USER)
                .permissionsBoundary("arn:aws:iam::210987654321:policy/another-accounts")));

        InvalidInputException malformed = assertThrows(InvalidInputException.class,
                () -> sim.putUserPermissionsBoundary(r -> r.userName(USER).permissionsBoundary("arn:aws:s3:::bucket/x")));
        assertEquals("InvalidInput", malformed.awsErrorDetails().errorCode());
        assertEquals("ARN arn:aws:s3:::bucket/x is not valid.", malformed.awsErrorDetails().errorMessage());
        InvalidInputException tooShort = assertThrows(InvalidInputException.class,
                () -> sim.putUserPermissionsBoundary(r -> r.userName(USER).permissionsBoundary("arn:aws:iam")));
        assertEquals("ValidationError", tooShort.awsErrorDetails().errorCode());
        assertTrue(tooShort.awsErrorDetails().errorMessage().contains("'permissionsBoundary'"),
                tooShort.awsErrorDetails().errorMessage());
        assertNull(boundaryOf(sim), "a refused put changes nothing");

        sim.putUserPermissionsBoundary(r -> r.userName(USER)
                .permissionsBoundary("arn:aws-us-gov:iam::aws:policy/AWSDenyAll"));
        assertEquals("arn:aws-us-gov:iam::aws:policy/AWSDenyAll", boundaryOf(sim),
                "an AWS managed policy of any partition");
    }

    @Test
    void aCustomerManagedPolicyOfTheWorldCanBeTheBoundary() throws Exception {
        IamSimulator world = IamSimulator.fromWorld(new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"managedPolicies": [{"policyArn": "arn:aws:iam::123456789012:policy/contractor-boundary"}],
                 "users": [{"userName": "contractor"}]}
                """), Fixtures.clock());

        world.putUserPermissionsBoundary(r -> r.userName("contractor")
                .permissionsBoundary("arn:aws:iam::123456789012:policy/contractor-boundary"));

        assertEquals("arn:aws:iam::123456789012:policy/contractor-boundary", world.getUser(r -> r
                .userName("contractor")).user().permissionsBoundary().permissionsBoundaryArn());
    }

    @Test
    void theUserMustExistAndEachCallIsLoggedAndFaultedLikeAnyOther() {
        assertThrows(NoSuchEntityException.class,
                () -> sim.putUserPermissionsBoundary(r -> r.userName("ghost").permissionsBoundary(DENY_ALL)));
        NoSuchEntityException gone = assertThrows(NoSuchEntityException.class,
                () -> sim.deleteUserPermissionsBoundary(r -> r.userName("ghost")));
        assertEquals("The user with name ghost cannot be found.", gone.awsErrorDetails().errorMessage());
        assertThrows(InvalidInputException.class, () -> sim.deleteUserPermissionsBoundary(r -> r.userName(null)));

        sim.faults().throttle("PutUserPermissionsBoundary", 1);
        IamException throttled = assertThrows(IamException.class,
                () -> sim.putUserPermissionsBoundary(r -> r.userName(USER).permissionsBoundary(DENY_ALL)));
        assertTrue(throttled.isThrottlingException());
        assertNull(boundaryOf(sim));

        sim.calls().clear();
        sim.putUserPermissionsBoundary(r -> r.userName(USER).permissionsBoundary(DENY_ALL));
        sim.deleteUserPermissionsBoundary(r -> r.userName(USER));
        assertEquals(List.of(
                new Call("PutUserPermissionsBoundary", USER + "/" + DENY_ALL, "OK", Fixtures.START, true),
                new Call("DeleteUserPermissionsBoundary", USER, "OK", Fixtures.START, true)), sim.calls().all());
    }

    @Test
    void theSdkSetsAndRemovesABoundaryOverHttp() {
        try (SdkOverHttp http = SdkOverHttp.serving(sim)) {
            IamClient iam = http.iam();

            iam.putUserPermissionsBoundary(r -> r.userName(USER).permissionsBoundary(DENY_ALL));
            assertEquals(DENY_ALL, iam.getUser(r -> r.userName(USER)).user().permissionsBoundary()
                    .permissionsBoundaryArn());
            iam.deleteUserPermissionsBoundary(r -> r.userName(USER));
            assertNull(iam.getUser(r -> r.userName(USER)).user().permissionsBoundary());

            NoSuchEntityException absent = assertThrows(NoSuchEntityException.class, () -> iam
                    .putUserPermissionsBoundary(r -> r.userName(USER)
                            .permissionsBoundary("arn:aws:iam::123456789012:policy/never-created")));
            assertEquals(404, absent.statusCode());
        }
    }

    private static String boundaryOf(IamSimulator sim) {
        User user = sim.getUser(r -> r.userName(USER)).user();
        return user.permissionsBoundary() == null ? null : user.permissionsBoundary().permissionsBoundaryArn();
    }
}
