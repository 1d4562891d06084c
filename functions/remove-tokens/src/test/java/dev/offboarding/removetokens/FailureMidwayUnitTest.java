package dev.offboarding.removetokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.offboarding.errors.IamAccessDeniedException;
import dev.offboarding.errors.IamRequestFailedException;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.Partitions;
import dev.offboarding.local.LocalContext;
import dev.offboarding.testing.ConcurrencySensitive;
import dev.offboarding.testing.MockIam;
import dev.offboarding.testing.SdkErrors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.RemoveUserFromGroupRequest;
import software.amazon.awssdk.services.iam.model.RemoveUserFromGroupResponse;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyResponse;

/**
 * A round that fails after some items were done says so: the error that leaves the function keeps its class (the
 * workflow's Retry and Catch match on it) and its message ends with exactly what this invocation already did, by
 * kind, id and action, so that the execution's history records it.
 */
class FailureMidwayUnitTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String OLD_KEY = "AKIAI44QH8DHBEXAMPLE";
    private static final String SSH_KEY = "APKAEIBAERJR2EXAMPLE";
    private static final String POLICY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    private final IamClient iam = MockIam.iamClient();

    private void invoke(String inventoryFields, String mode) throws Exception {
        String request = "{\"inventory\": {\"userName\": \"alice\", " + inventoryFields + "}, \"mode\": \"" + mode + "\"}";
        new RemoveTokensHandler(new IamGateway(iam), duration -> { }, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(), new LocalContext("remove-tokens"));
    }

    /** alice: an active and an inactive key, a console password, an inline and a managed policy, a group. */
    private static final String ALICE = "\"loginProfile\": {}, \"accessKeys\": [{\"accessKeyId\": \"" + KEY + "\","
            + " \"status\": \"Active\"}, {\"accessKeyId\": \"" + OLD_KEY + "\", \"status\": \"Inactive\"}],"
            + " \"inlinePolicies\": [{\"policyName\": \"s3-read\"}], \"attachedPolicies\": [{\"policyArn\": \""
            + POLICY_ARN + "\"}], \"groups\": [{\"groupName\": \"developers\"}]";

    /** IAM attaches the deny of every action. */
    private void iamDeniesAliceEveryAction() {
        doReturn(AttachUserPolicyResponse.builder().build()).when(iam).attachUserPolicy(any(AttachUserPolicyRequest.class));
    }

    private void iamAcceptsAllButTheManagedPolicy() {
        iamDeniesAliceEveryAction();
        doReturn(UpdateAccessKeyResponse.builder().build()).when(iam).updateAccessKey(any(UpdateAccessKeyRequest.class));
        doReturn(DeleteAccessKeyResponse.builder().build()).when(iam).deleteAccessKey(any(DeleteAccessKeyRequest.class));
        doReturn(DeleteLoginProfileResponse.builder().build())
                .when(iam).deleteLoginProfile(any(DeleteLoginProfileRequest.class));
        doReturn(DeleteUserPolicyResponse.builder().build())
                .when(iam).deleteUserPolicy(any(DeleteUserPolicyRequest.class));
        doReturn(RemoveUserFromGroupResponse.builder().build())
                .when(iam).removeUserFromGroup(any(RemoveUserFromGroupRequest.class));
    }

    /** alice's inventory has no ARN: AWSDenyAll is that of the partition the function runs in. */
    private static final String DENY_ALL = "arn:" + Partitions.fromEnvironment(System.getenv())
            + ":iam::aws:policy/AWSDenyAll";
    private static final String DENIED = "DENY " + DENY_ALL + " ATTACHED as MANAGED_POLICY";

    private static final String EVERYTHING_BUT_THE_POLICY = "Already done in this round: " + DENIED + ", ACCESS_KEY " + KEY
            + " DEACTIVATED, LOGIN_PROFILE alice DELETED, ACCESS_KEY " + KEY + " DELETED, ACCESS_KEY " + OLD_KEY
            + " DELETED, INLINE_POLICY s3-read DELETED, GROUP_MEMBERSHIP developers REMOVED.";

    @Test
    void accessDeniedMidwayKeepsItsClassAndEndsWithWhatWasDone() {
        iamAcceptsAllButTheManagedPolicy();
        doThrow(SdkErrors.accessDenied("DetachUserPolicy")).when(iam).detachUserPolicy(any(DetachUserPolicyRequest.class));

        IamAccessDeniedException e = assertThrows(IamAccessDeniedException.class, () -> invoke(ALICE, "REMOVE"));

        assertEquals(IamAccessDeniedException.class, e.getClass(), "the workflow matches on the class name");
        assertTrue(e.getMessage().startsWith("iam:DetachUserPolicy on alice/" + POLICY_ARN + " was denied"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(EVERYTHING_BUT_THE_POLICY), e.getMessage());
    }

    @Test
    void aRequestIamRefusesMidwayEndsWithWhatWasDone() {
        iamAcceptsAllButTheManagedPolicy();
        doThrow(SdkErrors.limitExceeded()).when(iam).detachUserPolicy(any(DetachUserPolicyRequest.class));

        IamRequestFailedException e = assertThrows(IamRequestFailedException.class, () -> invoke(ALICE, "REMOVE"));

        assertTrue(e.getMessage().endsWith(EVERYTHING_BUT_THE_POLICY), e.getMessage());
    }

    @Test
    void throttlingThatOutlastsTheRetriesEndsWithWhatWasDoneAndStaysRetryable() {
        iamAcceptsAllButTheManagedPolicy();
        doThrow(SdkErrors.throttling()).when(iam).detachUserPolicy(any(DetachUserPolicyRequest.class));

        IamRetryableException e = assertThrows(IamRetryableException.class, () -> invoke(ALICE, "REMOVE"));

        assertTrue(e.retryable());
        assertTrue(e.getCause().getMessage().contains("Rate exceeded"), "IAM's answer is kept as the cause");
        assertTrue(e.getMessage().endsWith(EVERYTHING_BUT_THE_POLICY), e.getMessage());
    }

    @Test
    void anyOtherFailureMidwayKeepsItsClassCauseAndStackTraceToo() {
        iamAcceptsAllButTheManagedPolicy();
        IllegalStateException bug = new IllegalStateException("unexpected answer", new ArithmeticException("x"));
        doThrow(bug).when(iam).detachUserPolicy(any(DetachUserPolicyRequest.class));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> invoke(ALICE, "REMOVE"));

        assertEquals(IllegalStateException.class, e.getClass());
        assertEquals("unexpected answer " + EVERYTHING_BUT_THE_POLICY, e.getMessage());
        assertSame(bug.getCause(), e.getCause());
        assertEquals(bug.getStackTrace()[0], e.getStackTrace()[0]);
    }

    @Test
    void aFailureOfThePasswordsDeletionNamesOnlyWhatWentBeforeIt() {
        iamDeniesAliceEveryAction();
        doReturn(UpdateAccessKeyResponse.builder().build()).when(iam).updateAccessKey(any(UpdateAccessKeyRequest.class));
        doThrow(SdkErrors.temporarilyUnmodifiable()).when(iam).deleteLoginProfile(any(DeleteLoginProfileRequest.class));

        IamRetryableException e = assertThrows(IamRetryableException.class, () -> invoke(ALICE, "REMOVE"));

        assertTrue(e.getMessage().endsWith("Already done in this round: " + DENIED + ", ACCESS_KEY " + KEY
                + " DEACTIVATED."), e.getMessage());
    }

    @Test
    void aFailureOfTheFirstDeactivationSaysOnlyTheDenyWasAttached() {
        iamDeniesAliceEveryAction();
        doThrow(SdkErrors.throttling()).when(iam).updateAccessKey(any(UpdateAccessKeyRequest.class));

        IamRetryableException e = assertThrows(IamRetryableException.class, () -> invoke(ALICE, "REMOVE"));

        assertTrue(e.getMessage().endsWith("Already done in this round: " + DENIED + "."), e.getMessage());
    }

    @Test
    void aFailureBeforeAnythingWasDoneSaysNothingWas() {
        doThrow(SdkErrors.throttling()).when(iam).attachUserPolicy(any(AttachUserPolicyRequest.class));

        IamRetryableException e = assertThrows(IamRetryableException.class, () -> invoke(ALICE, "REMOVE"));

        assertTrue(e.getMessage().startsWith("iam:AttachUserPolicy on alice/" + DENY_ALL), e.getMessage());
        assertTrue(e.getMessage().endsWith("Already done in this round: nothing."), e.getMessage());
        assertEquals(List.of("attachUserPolicy"), MockIam.operationsSent(iam));
    }

    @ConcurrencySensitive
    void aLockOutThatFailsMidwayEndsWithTheDeactivationsDoneAndLeavesThePassword() {
        iamDeniesAliceEveryAction();
        doAnswer(invocation -> {
            if (OLD_KEY.equals(invocation.<UpdateAccessKeyRequest>getArgument(0).accessKeyId())) {
                throw SdkErrors.noSuchEntity("The Access Key with id " + OLD_KEY + " cannot be found.");
            }
            return UpdateAccessKeyResponse.builder().build();
        }).when(iam).updateAccessKey(any(UpdateAccessKeyRequest.class));
        doThrow(SdkErrors.accessDenied("UpdateSSHPublicKey"))
                .when(iam).updateSSHPublicKey(any(UpdateSshPublicKeyRequest.class));
        doReturn(DeleteLoginProfileResponse.builder().build())
                .when(iam).deleteLoginProfile(any(DeleteLoginProfileRequest.class));

        IamAccessDeniedException e = assertThrows(IamAccessDeniedException.class, () -> invoke(ALICE
                + ", \"sshPublicKeys\": [{\"sshPublicKeyId\": \"" + SSH_KEY + "\"}]", "LOCK_OUT"));

        // Side by side: every other deactivation still ran; an item someone had already removed is said to be so. A
        // lock-out keeps the console password, powerless behind the deny.
        assertTrue(e.getMessage().endsWith("Already done in this round: " + DENIED + ", ACCESS_KEY " + KEY
                + " DEACTIVATED,"
                + " ACCESS_KEY " + OLD_KEY + " ALREADY_ABSENT."), e.getMessage());
        assertTrue(!e.getMessage().contains(SSH_KEY + " DEACTIVATED"), e.getMessage());
        verify(iam, never()).deleteLoginProfile(any(DeleteLoginProfileRequest.class));
    }
}
