package dev.offboarding.local;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of a local execution's progress: a state entered, retried (with the error that caused it and the time the
 * Retry waited), caught or failed, and last the execution's end with its output or its Error and Cause.
 */
public record WorkflowEvent(String type, String state, Integer attempt, String error, Double waitedSeconds, String at,
                            JsonNode line) {

    static WorkflowEvent of(JsonNode line) {
        return new WorkflowEvent(line.path("type").asText(), text(line, "state"),
                line.hasNonNull("attempt") ? line.get("attempt").asInt() : null, text(line, "error"),
                line.hasNonNull("waitedSeconds") ? line.get("waitedSeconds").asDouble() : null, text(line, "at"), line);
    }

    private static String text(JsonNode line, String field) {
        return line.hasNonNull(field) ? line.get(field).asText() : null;
    }
}
