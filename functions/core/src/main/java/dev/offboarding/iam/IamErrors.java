package dev.offboarding.iam;

import dev.offboarding.errors.IamAccessDeniedException;
import dev.offboarding.errors.IamRequestFailedException;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.errors.OffboardingException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Maps what IAM answered, after the SDK's own retries, onto the error contract. */
final class IamErrors {
    static final String NO_SUCH_ENTITY = "NoSuchEntity";
    // DeleteConflict on a removal (a virtual MFA device deleted right after its deactivation) is propagation lag too.
    private static final Set<String> BRIEF_REFUSALS = Set.of("EntityTemporarilyUnmodifiable", "ConcurrentModification",
            "DeleteConflict",
            "ServiceFailure", "ServiceUnavailable", "RequestExpired");
    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "ExpiredToken", "InvalidClientTokenId", "SignatureDoesNotMatch");

    private IamErrors() {
    }

    static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    static boolean isNoSuchEntity(SdkException e) {
        return e instanceof AwsServiceException ase && NO_SUCH_ENTITY.equals(errorCode(ase));
    }

    static OffboardingException translate(String action, String target, SdkException e) {
        String call = "iam:" + action + " on " + target;
        if (e instanceof AwsServiceException ase) {
            String code = errorCode(ase);
            String said = " (IAM said " + code + ": " + errorMessage(ase) + ")";
            // Set.of(...).contains(null) throws: an answer without an error code (e.g. an HTML body) has none.
            if (ase.isThrottlingException() || ase.statusCode() >= 500
                    || (code != null && BRIEF_REFUSALS.contains(code))) {
                return new IamRetryableException(call + " did not go through yet" + said
                        + "; it is safe to retry the whole step", e);
            }
            if ((code != null && ACCESS_DENIED.contains(code)) || ase.statusCode() == 403) {
                return new IamAccessDeniedException(call + " was denied" + said
                        + "; grant the function's role iam:" + action + " on this resource", e);
            }
            return new IamRequestFailedException(call + " failed" + said, e);
        }
        if (e instanceof SdkClientException) {
            return new IamRetryableException(call + " could not reach IAM (" + e.getMessage()
                    + "); it is safe to retry the whole step", e);
        }
        return new IamRequestFailedException(call + " failed: " + e.getMessage(), e);
    }

    private static String errorMessage(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? e.getMessage() : e.awsErrorDetails().errorMessage();
    }
}
