package dev.offboarding.errors;

/** The function's role may not call an IAM action it needs: a deployment problem a retry cannot fix. */
public final class IamAccessDeniedException extends OffboardingException {
    public IamAccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
