package dev.offboarding.reinstateuser;

import dev.offboarding.audit.AuditRecord;
import static dev.offboarding.reinstateuser.QuarantinedUser.DENY_ALL;
import static dev.offboarding.reinstateuser.QuarantinedUser.USER;
import static dev.offboarding.reinstateuser.QuarantinedUser.USER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;

import dev.offboarding.audit.DenyLift;
import dev.offboarding.audit.RemovalRound;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.local.LocalContext;
import dev.offboarding.model.DenyAttachment;
import dev.offboarding.model.DenyMechanism;
import dev.offboarding.testing.MockIam;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.DeleteUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.GetUserResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.UpdateServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.UpdateServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.UpdateSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.UpdateSigningCertificateResponse;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyResponse;
import software.amazon.awssdk.services.iam.model.User;

/**
 * When IAM refused AWSDenyAll as a managed policy, the lock-out made it the user's permissions boundary, keeping the
 * boundary it replaced in its record: a reinstate puts that one back (PutUserPermissionsBoundary), or, when the user
 * had none, removes the boundary (DeleteUserPermissionsBoundary), after the credentials are on again. IAM is mocked
 * here: the simulator does not have permissions boundaries.
 */
class TheBoundaryTheDenyTookThePlaceOfIsPutBackTest {
    private static final String CONTRACTOR_BOUNDARY = "arn:aws:iam::123456789012:policy/contractor-boundary";

    private final QuarantinedUser user = QuarantinedUser.lockedOut();
    private final IamClient iam = MockIam.iamClient();

    private void deniedAsTheBoundary(String replaced) {
        user.rewrite(record -> {
            RemovalRound round = record.removed().get(0);
            AuditRecord rounds = user.lockOutRecord(List.of(new RemovalRound(round.mode(), round.quarantineUntil(),
                    new DenyAttachment(DenyMechanism.PERMISSIONS_BOUNDARY, DENY_ALL, QuarantinedUser.LOCKED_OUT_AT,
                            false, replaced, List.of("AttachUserPolicy: LimitExceeded")), round.items())));
            // The inventory the lock-out took shows the boundary the deny then took the place of.
            com.fasterxml.jackson.databind.node.ObjectNode tree = dev.offboarding.json.Json.mapper().valueToTree(rounds);
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("inventory").path("user"))
                    .put("permissionsBoundary", replaced);
            return dev.offboarding.json.Json.mapper().convertValue(tree, AuditRecord.class);
        });
    }

    private void iamSays(String boundary) {
        User.Builder found = User.builder().userName(USER).userId(USER_ID).path("/")
                .arn("arn:aws:iam::123456789012:user/" + USER).createDate(Instant.parse("2024-09-01T09:00:00Z"));
        if (boundary != null) {
            found.permissionsBoundary(AttachedPermissionsBoundary.builder().permissionsBoundaryArn(boundary)
                    .permissionsBoundaryType(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY).build());
        }
        doReturn(GetUserResponse.builder().user(found.build()).build()).when(iam).getUser(any(GetUserRequest.class));
        doReturn(UpdateAccessKeyResponse.builder().build()).when(iam).updateAccessKey(any(UpdateAccessKeyRequest.class));
        doReturn(UpdateSigningCertificateResponse.builder().build()).when(iam)
                .updateSigningCertificate(any(UpdateSigningCertificateRequest.class));
        doReturn(UpdateSshPublicKeyResponse.builder().build()).when(iam)
                .updateSSHPublicKey(any(UpdateSshPublicKeyRequest.class));
        doReturn(UpdateServiceSpecificCredentialResponse.builder().build()).when(iam)
                .updateServiceSpecificCredential(any(UpdateServiceSpecificCredentialRequest.class));
        doReturn(PutUserPermissionsBoundaryResponse.builder().build()).when(iam)
                .putUserPermissionsBoundary(any(PutUserPermissionsBoundaryRequest.class));
        doReturn(DeleteUserPermissionsBoundaryResponse.builder().build()).when(iam)
                .deleteUserPermissionsBoundary(any(DeleteUserPermissionsBoundaryRequest.class));
    }

    private ReinstateUserResult reinstate(boolean dryRun) {
        return new ReinstateUserHandler(new IamGateway(iam), user.records, QuarantinedUser.ACCOUNT, user.clock)
                .handle(ReinstateUserRequest.forUser(USER, dryRun), new LocalContext("reinstate-user"));
    }

    @Test
    void theBoundaryAwsDenyAllReplacedIsPutBackAfterTheCredentialsAreOnAgain() {
        deniedAsTheBoundary(CONTRACTOR_BOUNDARY);
        iamSays(DENY_ALL);

        ReinstateUserResult result = reinstate(false);

        ArgumentCaptor<PutUserPermissionsBoundaryRequest> put =
                ArgumentCaptor.forClass(PutUserPermissionsBoundaryRequest.class);
        InOrder order = inOrder(iam);
        order.verify(iam).updateServiceSpecificCredential(any(UpdateServiceSpecificCredentialRequest.class));
        order.verify(iam).putUserPermissionsBoundary(put.capture());
        assertEquals(USER, put.getValue().userName());
        assertEquals(CONTRACTOR_BOUNDARY, put.getValue().permissionsBoundary());
        assertEquals(List.of("getUser", "updateAccessKey", "updateSigningCertificate", "updateSSHPublicKey",
                "updateServiceSpecificCredential", "putUserPermissionsBoundary"), MockIam.operationsSent(iam));
        assertEquals(new DenyLift(DenyMechanism.PERMISSIONS_BOUNDARY, DENY_ALL, CONTRACTOR_BOUNDARY,
                DenyLift.Result.BOUNDARY_RESTORED), result.reinstatement().deny());
        assertEquals(List.of(), Schemas.problems("audit-record", user.json(result.record().key())));
    }

    @Test
    void aUserThatHadNoBoundaryHasNoneAgain() {
        deniedAsTheBoundary(null);
        iamSays(DENY_ALL);

        ReinstateUserResult result = reinstate(false);

        ArgumentCaptor<DeleteUserPermissionsBoundaryRequest> deleted =
                ArgumentCaptor.forClass(DeleteUserPermissionsBoundaryRequest.class);
        inOrder(iam).verify(iam).deleteUserPermissionsBoundary(deleted.capture());
        assertEquals(USER, deleted.getValue().userName());
        assertEquals(List.of("getUser", "updateAccessKey", "updateSigningCertificate", "updateSSHPublicKey",
                "updateServiceSpecificCredential", "deleteUserPermissionsBoundary"), MockIam.operationsSent(iam));
        assertEquals(DenyLift.Result.BOUNDARY_DELETED, result.reinstatement().deny().result());
    }

    @Test
    void aBoundaryChangedSinceTheLockOutIsLeftAsItIs() {
        deniedAsTheBoundary(CONTRACTOR_BOUNDARY);
        iamSays("arn:aws:iam::123456789012:policy/set-by-an-operator");

        ReinstateUserResult result = reinstate(false);

        assertEquals(List.of("getUser", "updateAccessKey", "updateSigningCertificate", "updateSSHPublicKey",
                "updateServiceSpecificCredential"), MockIam.operationsSent(iam));
        assertEquals(DenyLift.Result.ALREADY_LIFTED, result.reinstatement().deny().result());
    }

    @Test
    void aReplacedBoundaryThatNoLongerExistsIsReportedAndAwsDenyAllStays() {
        deniedAsTheBoundary(CONTRACTOR_BOUNDARY);
        iamSays(DENY_ALL);
        doThrow(NoSuchEntityException.builder().statusCode(404).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("NoSuchEntity").errorMessage("Policy " + CONTRACTOR_BOUNDARY + " does not exist").build())
                .build()).when(iam).putUserPermissionsBoundary(any(PutUserPermissionsBoundaryRequest.class));

        ReinstateUserResult result = reinstate(false);

        assertEquals(DenyLift.Result.BOUNDARY_GONE, result.reinstatement().deny().result());
        assertEquals(CONTRACTOR_BOUNDARY, result.reinstatement().deny().restoredBoundary());
    }

    @Test
    void aDryRunSaysWhichBoundaryWouldComeBackAndChangesNothing() {
        deniedAsTheBoundary(CONTRACTOR_BOUNDARY);
        iamSays(DENY_ALL);

        ReinstateUserResult result = reinstate(true);

        assertEquals(List.of("getUser"), MockIam.operationsSent(iam));
        assertEquals(new DenyLift(DenyMechanism.PERMISSIONS_BOUNDARY, DENY_ALL, CONTRACTOR_BOUNDARY,
                DenyLift.Result.WOULD_RESTORE_BOUNDARY), result.reinstatement().deny());
    }
}
