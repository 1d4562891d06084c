package dev.offboarding.errors;

/**
 * The deadline the caller set has passed and the role is still not usable: waiting longer inside this execution is
 * not what was asked for. The message names the condition that was still failing at the last check.
 */
public final class RoleNotUsableByDeadlineException extends OffboardingException {
    private final String failedCondition;

    public RoleNotUsableByDeadlineException(String message, String failedCondition) {
        super(message);
        this.failedCondition = failedCondition;
    }

    public String failedCondition() {
        return failedCondition;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
