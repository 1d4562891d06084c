package dev.offboarding.errors;

/**
 * Step Functions did not start the offboarding workflow (throttled, unavailable, access denied, state machine
 * missing). The message has Step Functions' answer. Starting again with the same event is safe: its execution name
 * is fixed, so at most one execution is ever started for it.
 */
public final class WorkflowNotStartedException extends OffboardingException {
    public WorkflowNotStartedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
