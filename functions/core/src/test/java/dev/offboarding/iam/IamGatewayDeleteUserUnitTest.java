package dev.offboarding.iam;

import dev.offboarding.testing.MockIam;
import dev.offboarding.testing.SdkErrors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;

import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.errors.UserDeleteConflictException;
import dev.offboarding.iam.IamGateway.Removal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteUserRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserResponse;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceRequest;

/** DeleteUser's DeleteConflict is the one failure the workflow must tell apart: it has its own class. */
class IamGatewayDeleteUserUnitTest {
    private final IamClient iam = MockIam.iamClient();
    private final IamGateway gateway = new IamGateway(iam);

    @ParameterizedTest(name = "\"{0}\" names {1}")
    @CsvSource(delimiter = '|', value = {
        "Cannot delete entity, must delete login profile first.|the console password (login profile)",
        "Cannot delete entity, must remove tokens from principal first."
                + "|access keys, signing certificates, SSH public keys or service-specific credentials",
        "Cannot delete entity, must delete MFA device first.|MFA devices",
        "Cannot delete entity, must delete policies first.|inline policies",
        "Cannot delete entity, must detach all policies first.|attached managed policies",
        "Cannot delete entity, must remove users from group first.|group memberships",
    })
    void deleteConflictBecomesTheTypedRetryableErrorNamingWhatRemains(String iamMessage, String blockers) {
        var conflict = SdkErrors.deleteConflict(iamMessage);
        doThrow(conflict).when(iam).deleteUser(any(DeleteUserRequest.class));

        UserDeleteConflictException e = assertThrows(UserDeleteConflictException.class,
                () -> gateway.deleteUser("bob"));

        assertEquals("dev.offboarding.errors.UserDeleteConflictException", e.getClass().getName(),
                "Step Functions matches ErrorEquals on this exact name");
        assertEquals(blockers, e.blockers());
        assertEquals("bob", e.userName());
        assertTrue(e.retryable(), "right after the removals a conflict is usually propagation lag");
        assertTrue(e.getMessage().contains(iamMessage), "IAM's own words are kept: " + e.getMessage());
        assertTrue(e.getMessage().contains(blockers), e.getMessage());
        assertTrue(e.getMessage().contains("bob"), e.getMessage());
    }

    @Test
    void aDeleteConflictMessageIamHasNotUsedBeforeIsStillTheTypedConflict() {
        doThrow(SdkErrors.deleteConflict("Cannot delete entity, something new first."))
                .when(iam).deleteUser(any(DeleteUserRequest.class));

        UserDeleteConflictException e = assertThrows(UserDeleteConflictException.class,
                () -> gateway.deleteUser("bob"));

        assertEquals("something IAM did not name", e.blockers());
    }

    @Test
    void aDeletedUserIsDone() {
        doReturn(DeleteUserResponse.builder().build()).when(iam).deleteUser(any(DeleteUserRequest.class));

        assertEquals(Removal.DONE, gateway.deleteUser("bob"));
    }

    @Test
    void aUserAlreadyGoneIsAlreadyAbsentNotAnError() {
        doThrow(SdkErrors.noSuchEntity("The user with name bob cannot be found."))
                .when(iam).deleteUser(any(DeleteUserRequest.class));

        assertEquals(Removal.ALREADY_ABSENT, gateway.deleteUser("bob"));
    }

    @Test
    void throttlingOnDeleteUserIsRetryableButNotAConflict() {
        var throttled = SdkErrors.throttling();
        doThrow(throttled).when(iam).deleteUser(any(DeleteUserRequest.class));

        IamRetryableException e = assertThrows(IamRetryableException.class, () -> gateway.deleteUser("bob"));

        assertSame(throttled, e.getCause());
    }

    @Test
    void entityTemporarilyUnmodifiableOnDeleteUserIsRetryableButNotAConflict() {
        doThrow(SdkErrors.temporarilyUnmodifiable()).when(iam).deleteUser(any(DeleteUserRequest.class));

        assertThrows(IamRetryableException.class, () -> gateway.deleteUser("bob"));
    }

    @Test
    void aDeleteConflictOnAVirtualMfaDeviceJustDeactivatedIsPropagationLagAndRetryable() {
        doThrow(SdkErrors.deleteConflict("MFA Device is in use by another user."))
                .when(iam).deleteVirtualMFADevice(any(DeleteVirtualMfaDeviceRequest.class));

        IamRetryableException e = assertThrows(IamRetryableException.class,
                () -> gateway.deleteVirtualMfaDevice("arn:aws:iam::123456789012:mfa/bob"));

        assertTrue(e.getMessage().contains("iam:DeleteVirtualMFADevice"), e.getMessage());
    }

    @Test
    void theBlockersOfEachMessageAreReadCaseInsensitively() {
        assertEquals("MFA devices", DeleteConflicts.blockersNamedBy("CANNOT DELETE ENTITY, MUST DELETE mfa DEVICE FIRST."));
        assertEquals("something IAM did not name", DeleteConflicts.blockersNamedBy(null));
    }
}
