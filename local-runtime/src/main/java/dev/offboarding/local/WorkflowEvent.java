package dev.offboarding.local;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of a local execution's progress: a state entered, retried (with the error that caused it and the time the
 * Retry waited), caught or failed, and last the execution's end with its output or its Error and Cause. A line of a
 * child execution (an item of a Distributed Map, a state machine a startExecution Task started) names it
 * ({@link #execution()}); other line types (ChildExecutionStarted, TaskTokenIssued, ...) keep their fields in
 * {@link #line()}.
 */
public record WorkflowEvent(String type, String state, Integer attempt, String error, Double waitedSeconds, String at,
                            JsonNode line) {

    static WorkflowEvent of(JsonNode line) {
        return new WorkflowEvent(line.path("type").asText(), text(line, "state"),
                line.hasNonNull("attempt") ? line.get("attempt").asInt() : null, text(line, "error"),
                line.hasNonNull("waitedSeconds") ? line.get("waitedSeconds").asDouble() : null, text(line, "at"), line);
    }

    /** The name of the child execution this line is of, or null for the execution that was started. */
    public String execution() {
        return text(line, "execution");
    }

    /** Whether this line is of the execution that was started, not of one of its child executions. */
    public boolean ofStartedExecution() {
        return execution() == null;
    }

    private static String text(JsonNode line, String field) {
        return line.hasNonNull(field) ? line.get(field).asText() : null;
    }
}
