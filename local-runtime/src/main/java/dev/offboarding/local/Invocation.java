package dev.offboarding.local;

import java.util.Arrays;
import java.util.List;

/**
 * The answer of one local invocation, shaped as the Lambda Java runtime reports it: either the JSON payload, or the
 * error type (the exception's fully qualified class name, which Step Functions matches in ErrorEquals), its message
 * (the class name when the exception has none) and its stack trace, one {@link StackTraceElement} per line.
 */
public record Invocation(String payload, String errorType, String errorMessage, List<String> stackTrace) {

    public Invocation {
        stackTrace = stackTrace == null ? List.of() : List.copyOf(stackTrace);
    }

    public static Invocation success(String payload) {
        return new Invocation(payload, null, null, List.of());
    }

    public static Invocation failure(Throwable error) {
        String type = error.getClass().getName();
        String message = error.getLocalizedMessage() == null ? type : error.getLocalizedMessage();
        return new Invocation(null, type, message,
                Arrays.stream(error.getStackTrace()).map(StackTraceElement::toString).toList());
    }

    public boolean failed() {
        return errorType != null;
    }
}
