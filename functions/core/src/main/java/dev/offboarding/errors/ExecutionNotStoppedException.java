package dev.offboarding.errors;

/**
 * A reinstate could not stop (or may not stop) the offboarding execution still waiting out the user's quarantine.
 * Re-activating the credentials while it waits would let it go on to remove them, so nothing is changed in IAM.
 */
public final class ExecutionNotStoppedException extends OffboardingException {
    private final boolean retryable;

    /**
     * @param why       why not, e.g. Step Functions' answer, or "it is not an execution of ..."
     * @param retryable whether the same call may succeed later (Step Functions throttled or failed)
     */
    public ExecutionNotStoppedException(String userName, String executionArn, String why, boolean retryable) {
        super("Could not stop " + executionArn + ", the offboarding of " + userName + " that waits out its"
                + " quarantine: " + why + ". Nothing was changed in IAM: with that execution going on, it would remove"
                + " what a reinstate turns back on. Stop it (aws stepfunctions stop-execution --execution-arn "
                + executionArn + ") or fix what the message names, then reinstate " + userName + " again.");
        this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
