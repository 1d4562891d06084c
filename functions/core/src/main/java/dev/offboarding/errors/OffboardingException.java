package dev.offboarding.errors;

/**
 * Base of every failure the functions report. The Lambda Java runtime reports an unhandled exception by its fully
 * qualified class name, and Step Functions matches {@code ErrorEquals} against exactly that name, so each failure
 * kind is its own class in this package and the class name is the contract.
 */
public abstract class OffboardingException extends RuntimeException {
    /** Said after the message; see {@link #withMessageEnding}. */
    private volatile String ending;

    protected OffboardingException(String message) {
        super(message);
    }

    protected OffboardingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the same call may succeed later without anything being changed by a person. */
    public abstract boolean retryable();

    /**
     * Adds {@code sentence} at the end of the message, e.g. what the failing call had already done. The class, which
     * is what the workflow matches on, stays the same. Never pass a secret.
     */
    public final OffboardingException withMessageEnding(String sentence) {
        this.ending = sentence;
        return this;
    }

    @Override
    public String getMessage() {
        String message = super.getMessage();
        return ending == null ? message : (message == null || message.isEmpty() ? ending : message + " " + ending);
    }
}
