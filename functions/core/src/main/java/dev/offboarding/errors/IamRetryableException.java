package dev.offboarding.errors;

/**
 * IAM is throttling, failing (5xx) or briefly refusing a change (EntityTemporarilyUnmodifiable,
 * ConcurrentModification) beyond what the SDK's own retries absorbed. Every removal is idempotent, so the whole
 * call can be retried as it is.
 */
public final class IamRetryableException extends OffboardingException {
    public IamRetryableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
