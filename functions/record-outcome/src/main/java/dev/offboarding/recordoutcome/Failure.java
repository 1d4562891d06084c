package dev.offboarding.recordoutcome;

import java.util.ArrayList;
import java.util.List;

/**
 * A step that failed, as the workflow caught it: the state, the error name (a Java exception class for a function's
 * own error, {@code States.*} or {@code Lambda.*} otherwise) and the Cause (for a function's error, Lambda's JSON
 * error object as a string).
 */
public record Failure(String step, String error, String cause) {
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (step == null) {
            problems.add("failure.step is required: the state that failed, e.g. \"RemoveTokens\"");
        }
        if (error == null) {
            problems.add("failure.error is required: the error the workflow caught ($.caught.Error)");
        }
        if (cause == null) {
            problems.add("failure.cause is required: the Cause the workflow caught ($.caught.Cause)");
        }
        return problems;
    }
}
