package dev.offboarding.errors;

/**
 * A call that selects a fleet's accounts or users failed (Organizations, IAM or S3 refused it, or kept throttling
 * beyond the SDK's retries): the selection is never taken as "no users" or "all users". The message names the call,
 * the account and the service's error code.
 */
public final class SelectionFailedException extends OffboardingException {
    public SelectionFailedException(String message) {
        super(message);
    }

    public SelectionFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
