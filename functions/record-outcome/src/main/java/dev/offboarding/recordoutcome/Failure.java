package dev.offboarding.recordoutcome;

/**
 * A step that failed, as the workflow caught it: the state, the error name (a Java exception class for a function's
 * own error, {@code States.*} or {@code Lambda.*} otherwise) and the Cause (for a function's error, Lambda's JSON
 * error object as a string).
 */
public record Failure(String step, String error, String cause) {
}
