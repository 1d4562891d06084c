package dev.offboarding.simulator;

import java.util.function.Supplier;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.iam.model.CredentialReportExpiredException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotReadyException;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.DuplicateCertificateException;
import software.amazon.awssdk.services.iam.model.DuplicateSshPublicKeyException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.EntityTemporarilyUnmodifiableException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedCertificateException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ServiceFailureException;
import software.amazon.awssdk.services.iam.model.UnrecognizedPublicKeyEncodingException;

/**
 * The IAM errors the simulator answers with, built as the SDK builds them from a real response,
 * so {@code awsErrorDetails().errorCode()}, {@code statusCode()} and {@code isThrottlingException()} behave alike.
 * Messages carry identifiers only, never a secret.
 */
final class IamErrors {

    private static final String SERVICE = "Iam";

    private IamErrors() {
    }

    static NoSuchEntityException noSuchEntity(String message) {
        return (NoSuchEntityException) fill(NoSuchEntityException.builder(), "NoSuchEntity", 404, message);
    }

    static NoSuchEntityException noSuchUser(String userName) {
        return noSuchEntity("The user with name " + userName + " cannot be found.");
    }

    static DeleteConflictException deleteConflict(String message) {
        return (DeleteConflictException) fill(DeleteConflictException.builder(), "DeleteConflict", 409, message);
    }

    static EntityTemporarilyUnmodifiableException temporarilyUnmodifiable(String message) {
        return (EntityTemporarilyUnmodifiableException) fill(
                EntityTemporarilyUnmodifiableException.builder(), "EntityTemporarilyUnmodifiable", 409, message);
    }

    static EntityAlreadyExistsException alreadyExists(String message) {
        return (EntityAlreadyExistsException) fill(EntityAlreadyExistsException.builder(), "EntityAlreadyExists", 409, message);
    }

    static LimitExceededException limitExceeded(String quota, int limit) {
        return limitExceeded("Cannot exceed quota for " + quota + ": " + limit);
    }

    static LimitExceededException limitExceeded(String message) {
        return (LimitExceededException) fill(LimitExceededException.builder(), "LimitExceeded", 409, message);
    }

    /** A request parameter AWS rejects before looking at any entity (missing, too long, wrong pattern, unknown enum). */
    static InvalidInputException validation(String message) {
        return (InvalidInputException) fill(InvalidInputException.builder(), "ValidationError", 400, message);
    }

    static InvalidInputException invalidInput(String message) {
        return (InvalidInputException) fill(InvalidInputException.builder(), "InvalidInput", 400, message);
    }

    static MalformedPolicyDocumentException malformedPolicy(String message) {
        return (MalformedPolicyDocumentException) fill(
                MalformedPolicyDocumentException.builder(), "MalformedPolicyDocument", 400, message);
    }

    static MalformedCertificateException malformedCertificate(String message) {
        return (MalformedCertificateException) fill(MalformedCertificateException.builder(), "MalformedCertificate", 400, message);
    }

    static DuplicateCertificateException duplicateCertificate(String message) {
        return (DuplicateCertificateException) fill(DuplicateCertificateException.builder(), "DuplicateCertificate", 409, message);
    }

    static UnrecognizedPublicKeyEncodingException unrecognizedPublicKey(String message) {
        return (UnrecognizedPublicKeyEncodingException) fill(
                UnrecognizedPublicKeyEncodingException.builder(), "UnrecognizedPublicKeyEncoding", 400, message);
    }

    static DuplicateSshPublicKeyException duplicateSshPublicKey(String message) {
        return (DuplicateSshPublicKeyException) fill(DuplicateSshPublicKeyException.builder(), "DuplicateSSHPublicKey", 400, message);
    }

    /** GetCredentialReport before any GenerateCredentialReport: 410 ReportNotPresent. */
    static CredentialReportNotPresentException reportNotPresent() {
        return (CredentialReportNotPresentException) fill(CredentialReportNotPresentException.builder(),
                "ReportNotPresent", 410, "The credential report does not exist. To generate a credential report, "
                        + "use GenerateCredentialReport.");
    }

    /** GetCredentialReport while the report is being generated: 404 ReportInProgress. */
    static CredentialReportNotReadyException reportInProgress() {
        return (CredentialReportNotReadyException) fill(CredentialReportNotReadyException.builder(),
                "ReportInProgress", 404, "The credential report is still being generated.");
    }

    /** GetCredentialReport when the newest report is older than IAM keeps it: 410 ReportExpired. */
    static CredentialReportExpiredException reportExpired() {
        return (CredentialReportExpiredException) fill(CredentialReportExpiredException.builder(),
                "ReportExpired", 410, "The most recent credential report has expired. To generate a new credential "
                        + "report, use GenerateCredentialReport.");
    }

    /**
     * The error an injected fault answers with; {@code denial} words a service control policy's denial of this
     * request. AccessDenied has no exception class of its own in the SDK's IAM model: it arrives as an IamException.
     */
    static AwsServiceException fault(Fault fault, Supplier<String> denial) {
        return switch (fault) {
            case THROTTLING -> fill(IamException.builder(), "Throttling", 400, "Rate exceeded");
            case SERVER_ERROR -> fill(ServiceFailureException.builder(), "ServiceFailure", 500,
                    "An internal error occurred. Try again later.");
            case SERVICE_CONTROL_POLICY_DENY -> fill(IamException.builder(), ServiceControlPolicyDenial.ERROR_CODE,
                    ServiceControlPolicyDenial.STATUS, denial.get());
        };
    }

    private static AwsServiceException fill(AwsServiceException.Builder builder, String code, int status, String message) {
        return builder
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName(SERVICE)
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build())
                        .build())
                .statusCode(status)
                .message(message)
                .build();
    }
}
