package dev.offboarding.errors;

/** IAM rejected a call for a reason that a retry will not change (validation, limits, an unexpected error). */
public final class IamRequestFailedException extends OffboardingException {
    public IamRequestFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
