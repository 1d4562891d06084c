package dev.offboarding.iam;

import dev.offboarding.testing.MockIam;
import dev.offboarding.testing.SdkErrors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;

import dev.offboarding.errors.IamAccessDeniedException;
import dev.offboarding.errors.IamRequestFailedException;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.errors.OffboardingException;
import dev.offboarding.iam.IamGateway.Removal;
import java.lang.reflect.Method;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeactivateMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.DeleteSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.DeleteSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserRequest;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.IamRequest;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.RemoveUserFromGroupRequest;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.UpdateSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyRequest;

/**
 * Every removal (and every change that denies the user every action, or undoes a lock-out) sends exactly the
 * identifiers it was given, is idempotent (NoSuchEntity means someone already removed it, or the user is gone) and
 * turns every other failure into the error contract, naming the IAM action.
 */
class IamGatewayRemovalsUnitTest {
    private static final String USER = "bob";
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String CERT = "TA7SMP42TDN5Z26OBPJE7EXAMPLE";
    private static final String SSH = "APKAEIBAERJR2EXAMPLE";
    private static final String CRED = "ACCAQFODGMMWBJ2EXAMPLE";
    private static final String VIRTUAL_MFA = "arn:aws:iam::123456789012:mfa/bob";
    private static final String POLICY = "s3-read";
    private static final String POLICY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private static final String GROUP = "developers";
    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";

    /** One removal: the IAM action, how the gateway is asked for it, how it goes out, and what it must send. */
    record RemovalCall<Q extends IamRequest>(
            String action,
            Function<IamGateway, Removal> remove,
            Class<Q> requestType,
            BiFunction<IamClient, Q, ?> send,
            Consumer<Q> expectRequest) {

        @Override
        public String toString() {
            return action;
        }
    }

    static Stream<RemovalCall<?>> removals() {
        return Stream.of(
                new RemovalCall<>("UpdateAccessKey", g -> g.deactivateAccessKey(USER, KEY),
                        UpdateAccessKeyRequest.class, IamClient::updateAccessKey, r -> {
                            assertEquals(USER, r.userName());
                            assertEquals(KEY, r.accessKeyId());
                            assertEquals(StatusType.INACTIVE, r.status());
                        }),
                new RemovalCall<>("DeleteAccessKey", g -> g.deleteAccessKey(USER, KEY),
                        DeleteAccessKeyRequest.class, IamClient::deleteAccessKey, r -> {
                            assertEquals(USER, r.userName());
                            assertEquals(KEY, r.accessKeyId());
                        }),
                new RemovalCall<>("DeleteLoginProfile", g -> g.deleteLoginProfile(USER),
                        DeleteLoginProfileRequest.class, IamClient::deleteLoginProfile,
                        r -> assertEquals(USER, r.userName())),
                new RemovalCall<>("UpdateSigningCertificate", g -> g.deactivateSigningCertificate(USER, CERT),
                        UpdateSigningCertificateRequest.class, IamClient::updateSigningCertificate, r -> {
                            assertEquals(USER, r.userName());
                            assertEquals(CERT, r.certificateId());
                            assertEquals(StatusType.INACTIVE, r.status());
                        }),
                new RemovalCall<>("DeleteSigningCertificate", g -> g.deleteSigningCertificate(USER, CERT),
                        DeleteSigningCertificateRequest.class, IamClient::deleteSigningCertificate, r -> {
                            assertEquals(USER, r.userName());
                            assertEquals(CERT, r.certificateId());
                        }),
                new RemovalCall<>("UpdateSSHPublicKey", g -> g.deactivateSshPublicKey(USER, SSH),
                        UpdateSshPublicKeyRequest.class, IamClient::updateSSHPublicKey, r -> {
                            assertEquals(USER, r.userName());
                            assertEquals(SSH, r.sshPublicKeyId());
                            assertEquals(StatusType.INACTIVE, r.status());
                        }),
                new RemovalCall<>("DeleteSSHPublicKey", g -> g.deleteSshPublicKey(USER, SSH),
                        DeleteSshPublicKeyRequest.class, IamClient::deleteSSHPublicKey, r -> {
                            assertEquals(USER, r.userName());
                            assertEquals(SSH, r.sshPublicKeyId());
                        }),
                new RemovalCall<>("UpdateServiceSpecificCredential",
                        g -> g.deactivateServiceSpecificCredential(USER, CRED),
                        UpdateServiceSpecificCredentialRequest.class, IamClient::updateServiceSpecificCredential,
                        r -> {
                            assertEquals(USER, r.userName());
                            assertEquals(CRED, r.serviceSpecificCredentialId());
                            assertEquals(StatusType.INACTIVE, r.status());
                        }),
                new RemovalCall<>("DeleteServiceSpecificCredential",
                        g -> g.deleteServiceSpecificCredential(USER, CRED),
                        DeleteServiceSpecificCredentialRequest.class, IamClient::deleteServiceSpecificCredential,
                        r -> {
                            assertEquals(USER, r.userName());
                            assertEquals(CRED, r.serviceSpecificCredentialId());
                        }),
                new RemovalCall<>("DeactivateMFADevice", g -> g.deactivateMfaDevice(USER, VIRTUAL_MFA),
                        DeactivateMfaDeviceRequest.class, IamClient::deactivateMFADevice, r -> {
                            assertEquals(USER, r.userName());
                            assertEquals(VIRTUAL_MFA, r.serialNumber());
                        }),
                new RemovalCall<>("DeleteVirtualMFADevice", g -> g.deleteVirtualMfaDevice(VIRTUAL_MFA),
                        DeleteVirtualMfaDeviceRequest.class, IamClient::deleteVirtualMFADevice,
                        r -> assertEquals(VIRTUAL_MFA, r.serialNumber())),
                new RemovalCall<>("DeleteUserPolicy", g -> g.deleteInlinePolicy(USER, POLICY),
                        DeleteUserPolicyRequest.class, IamClient::deleteUserPolicy, r -> {
                            assertEquals(USER, r.userName());
                            assertEquals(POLICY, r.policyName());
                        }),
                new RemovalCall<>("DetachUserPolicy", g -> g.detachPolicy(USER, POLICY_ARN),
                        DetachUserPolicyRequest.class, IamClient::detachUserPolicy, r -> {
                            assertEquals(USER, r.userName());
                            assertEquals(POLICY_ARN, r.policyArn());
                        }),
                new RemovalCall<>("RemoveUserFromGroup", g -> g.removeFromGroup(USER, GROUP),
                        RemoveUserFromGroupRequest.class, IamClient::removeUserFromGroup, r -> {
                            assertEquals(USER, r.userName());
                            assertEquals(GROUP, r.groupName());
                        }),
                new RemovalCall<>("AttachUserPolicy", g -> g.attachPolicy(USER, DENY_ALL),
                        AttachUserPolicyRequest.class, IamClient::attachUserPolicy, r -> {
                            assertEquals(USER, r.userName());
                            assertEquals(DENY_ALL, r.policyArn());
                        }),
                new RemovalCall<>("PutUserPermissionsBoundary", g -> g.putPermissionsBoundary(USER, DENY_ALL),
                        PutUserPermissionsBoundaryRequest.class, IamClient::putUserPermissionsBoundary, r -> {
                            assertEquals(USER, r.userName());
                            assertEquals(DENY_ALL, r.permissionsBoundary());
                        }),
                new RemovalCall<>("DeleteUserPermissionsBoundary", g -> g.deletePermissionsBoundary(USER),
                        DeleteUserPermissionsBoundaryRequest.class, IamClient::deleteUserPermissionsBoundary,
                        r -> assertEquals(USER, r.userName())),
                new RemovalCall<>("UpdateAccessKey", g -> g.activateAccessKey(USER, KEY),
                        UpdateAccessKeyRequest.class, IamClient::updateAccessKey, r -> {
                            assertEquals(KEY, r.accessKeyId());
                            assertEquals(StatusType.ACTIVE, r.status());
                        }),
                new RemovalCall<>("UpdateSigningCertificate", g -> g.activateSigningCertificate(USER, CERT),
                        UpdateSigningCertificateRequest.class, IamClient::updateSigningCertificate, r -> {
                            assertEquals(CERT, r.certificateId());
                            assertEquals(StatusType.ACTIVE, r.status());
                        }),
                new RemovalCall<>("UpdateSSHPublicKey", g -> g.activateSshPublicKey(USER, SSH),
                        UpdateSshPublicKeyRequest.class, IamClient::updateSSHPublicKey, r -> {
                            assertEquals(SSH, r.sshPublicKeyId());
                            assertEquals(StatusType.ACTIVE, r.status());
                        }),
                new RemovalCall<>("UpdateServiceSpecificCredential",
                        g -> g.activateServiceSpecificCredential(USER, CRED),
                        UpdateServiceSpecificCredentialRequest.class, IamClient::updateServiceSpecificCredential,
                        r -> {
                            assertEquals(CRED, r.serviceSpecificCredentialId());
                            assertEquals(StatusType.ACTIVE, r.status());
                        }),
                new RemovalCall<>("DeleteUser", g -> g.deleteUser(USER),
                        DeleteUserRequest.class, IamClient::deleteUser, r -> assertEquals(USER, r.userName())));
    }

    private final IamClient iam = MockIam.iamClient();
    private final IamGateway gateway = new IamGateway(iam);

    /** Answers with an empty response of the operation's own type, as IAM does for a removal. */
    private <Q extends IamRequest> void succeeds(RemovalCall<Q> call) {
        call.send().apply(doAnswer(invocation -> emptyResponseOf(invocation.getMethod())).when(iam),
                any(call.requestType()));
    }

    private <Q extends IamRequest> void fails(RemovalCall<Q> call, SdkException error) {
        call.send().apply(doThrow(error).when(iam), any(call.requestType()));
    }

    private static Object emptyResponseOf(Method method) throws ReflectiveOperationException {
        Method builder = method.getReturnType().getMethod("builder");
        return builder.getReturnType().getMethod("build").invoke(builder.invoke(null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("removals")
    <Q extends IamRequest> void sendsExactlyTheIdentifiersItWasGivenAndSaysDone(RemovalCall<Q> call) {
        succeeds(call);

        assertEquals(Removal.DONE, call.remove().apply(gateway));

        ArgumentCaptor<Q> sent = ArgumentCaptor.forClass(call.requestType());
        call.send().apply(verify(iam), sent.capture());
        call.expectRequest().accept(sent.getValue());
        assertEquals(1, MockIam.operationsSent(iam).size(), "one IAM call, no more");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("removals")
    <Q extends IamRequest> void noSuchEntityMeansSomeoneAlreadyRemovedItAndIsNotAnError(RemovalCall<Q> call) {
        fails(call, SdkErrors.noSuchEntity("The entity you specified cannot be found."));

        assertEquals(Removal.ALREADY_ABSENT, call.remove().apply(gateway));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("removals")
    <Q extends IamRequest> void throttlingIsRetryableAndKeepsIamsAnswerAsCause(RemovalCall<Q> call) {
        SdkException throttled = SdkErrors.throttling();
        fails(call, throttled);

        IamRetryableException e = assertThrows(IamRetryableException.class, () -> call.remove().apply(gateway));

        assertSame(throttled, e.getCause());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("iam:" + call.action()), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("removals")
    <Q extends IamRequest> void aServerFailureIsRetryable(RemovalCall<Q> call) {
        fails(call, SdkErrors.serviceFailure());

        assertThrows(IamRetryableException.class, () -> call.remove().apply(gateway));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("removals")
    <Q extends IamRequest> void notReachingIamIsRetryable(RemovalCall<Q> call) {
        fails(call, SdkClientException.create("Unable to execute HTTP request: Connect timed out"));

        assertThrows(IamRetryableException.class, () -> call.remove().apply(gateway));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("removals")
    <Q extends IamRequest> void accessDeniedIsNotRetryableAndNamesTheIamActionToGrant(RemovalCall<Q> call) {
        fails(call, SdkErrors.accessDenied(call.action()));

        IamAccessDeniedException e = assertThrows(IamAccessDeniedException.class,
                () -> call.remove().apply(gateway));

        assertTrue(e.getMessage().contains("the function's role lacks iam:" + call.action()), e.getMessage());
        assertTrue(!e.retryable());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("removals")
    <Q extends IamRequest> void anyOtherRefusalIsATypedNonRetryableFailureQuotingIam(RemovalCall<Q> call) {
        fails(call, SdkErrors.limitExceeded());

        IamRequestFailedException e = assertThrows(IamRequestFailedException.class,
                () -> call.remove().apply(gateway));

        assertTrue(e.getMessage().contains("iam:" + call.action()), e.getMessage());
        assertTrue(e.getMessage().contains("LimitExceeded"), e.getMessage());
        assertTrue(!e.retryable());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("removals")
    <Q extends IamRequest> void aValidationErrorIsNotRetryable(RemovalCall<Q> call) {
        fails(call, SdkErrors.validationError());

        OffboardingException e = assertThrows(OffboardingException.class, () -> call.remove().apply(gateway));

        assertInstanceOf(IamRequestFailedException.class, e);
    }
}
