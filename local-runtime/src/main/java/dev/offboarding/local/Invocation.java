package dev.offboarding.local;

/**
 * The answer of one local invocation, shaped as Lambda reports it: either the JSON payload, or the error type (the
 * exception's fully qualified class name, which Step Functions matches in ErrorEquals) and message.
 */
public record Invocation(String payload, String errorType, String errorMessage) {

    public static Invocation success(String payload) {
        return new Invocation(payload, null, null);
    }

    public static Invocation failure(Throwable error) {
        return new Invocation(null, error.getClass().getName(), error.getMessage());
    }

    public boolean failed() {
        return errorType != null;
    }
}
