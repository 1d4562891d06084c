package dev.offboarding.errors;

/**
 * A fleet run would offboard more users than its limits allow: more than {@code maxUsersPerRun} in all, or in some
 * account more than {@code maxShareOfAccount} percent of its users. Its plan was written; no user was offboarded.
 * The message names the numbers, the limit and how to raise it (in the request; an event cannot).
 */
public final class BlastRadiusExceededException extends OffboardingException {
    public BlastRadiusExceededException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
