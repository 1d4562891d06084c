package dev.offboarding.errors;

/**
 * A role is not usable yet: one of the requested conditions failed this time (the role does not exist yet, its trust
 * policy does not allow the principal yet, sts:AssumeRole was denied, an action is not allowed yet), or it has not
 * yet passed enough consecutive checks. Right after the role was created or changed this is propagation lag, so the
 * workflow retries it with backoff. The message names the condition that failed.
 */
public final class RoleNotYetUsableException extends OffboardingException {
    private final String failedCondition;

    public RoleNotYetUsableException(String message, String failedCondition) {
        super(message);
        this.failedCondition = failedCondition;
    }

    /** The condition that failed, e.g. "ASSUMABLE". */
    public String failedCondition() {
        return failedCondition;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
