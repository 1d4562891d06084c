package dev.offboarding.iam;

import dev.offboarding.errors.IamAccessDeniedException;
import dev.offboarding.errors.IamRequestFailedException;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.errors.OffboardingException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.StsException;

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
        if (e instanceof StsException sts) {
            return assumeRoleFailed(action, target, sts);
        }
        return translate("iam", action, target, e);
    }

    /** The same mapping for a call to another service ({@code "sts"}). */
    static OffboardingException translate(String service, String action, String target, SdkException e) {
        String call = service + ":" + action + " on " + target;
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
                return new IamAccessDeniedException(call + " was denied" + said + "; " + deniedBecause(service, action),
                        e);
            }
            return new IamRequestFailedException(call + " failed" + said, e);
        }
        if (e instanceof SdkClientException) {
            return new IamRetryableException(call + " could not reach " + service.toUpperCase(java.util.Locale.ROOT)
                    + " (" + e.getMessage()
                    + "); it is safe to retry the whole step", e);
        }
        return new IamRequestFailedException(call + " failed: " + e.getMessage(), e);
    }

    /**
     * An IAM call made through the offboarding role of another account, whose credentials could not be obtained:
     * sts:AssumeRole itself failed. Denied means the role is missing there, does not trust this function, or is not
     * usable yet; the workflow checks that before its first IAM call, so here it is a deployment problem.
     */
    private static OffboardingException assumeRoleFailed(String action, String target, StsException e) {
        String code = errorCode(e);
        String call = "iam:" + action + " on " + target + " could not start: sts:AssumeRole into the offboarding role"
                + " (STS said " + code + ": " + errorMessage(e) + ")";
        if (e.isThrottlingException() || e.statusCode() >= 500) {
            return new IamRetryableException(call + "; it is safe to retry the whole step", e);
        }
        if ((code != null && ACCESS_DENIED.contains(code)) || e.statusCode() == 403) {
            return new IamAccessDeniedException(call + " was denied; deploy the member-account role in that account,"
                    + " trusting this function's role, and grant this function sts:AssumeRole on it", e);
        }
        return new IamRequestFailedException(call + " failed", e);
    }

    /**
     * The functions may act only on users under the stack's UserPath, so a denial usually means the user is outside
     * it: that is a refusal of the stack, not a permission to widen.
     */
    private static String deniedBecause(String service, String action) {
        if (!"iam".equals(service) || NOT_ABOUT_A_USER.contains(action)) {
            return "grant the function's role " + service + ":" + action + " on this resource";
        }
        String path = System.getenv(USER_PATH);
        return "this stack may offboard only users under " + (path == null || path.isBlank() ? "its UserPath"
                : "the path " + path + " (its UserPath)") + ": a user outside it is not this stack's to offboard, so"
                + " do not widen the function's permissions; if the user is under it, the function's role lacks "
                + service + ":" + action;
    }

    /** Calls whose resource is not a user, so the user path does not scope them. */
    private static final Set<String> NOT_ABOUT_A_USER = Set.of("GetRole", "*", "ListUsers", "GetAccountSummary",
            "GenerateCredentialReport", "GetCredentialReport");

    /** The IAM path under which the stack's functions may act (the template's UserPath). */
    static final String USER_PATH = "USER_PATH";

    private static String errorMessage(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? e.getMessage() : e.awsErrorDetails().errorMessage();
    }
}
