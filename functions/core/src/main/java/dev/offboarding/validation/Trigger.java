package dev.offboarding.validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What started an offboarding, kept in the audit record: the EventBridge event's id, source and time when an HR or
 * identity system sent one (start-offboarding fills it in). Absent for a run started by hand.
 */
public record Trigger(String eventId, String source, Instant time) {
    public static final int MAX_LENGTH = 256;

    /** The problems with this trigger as the field {@code field}, empty when it is complete. */
    public List<String> problems(String field) {
        List<String> problems = new ArrayList<>();
        text(field + ".eventId", eventId, "the EventBridge event's id").ifPresent(problems::add);
        text(field + ".source", source, "the EventBridge event's source, e.g. \"hr.system\"").ifPresent(problems::add);
        if (time == null) {
            problems.add(field + ".time is required: when the event happened, e.g. \"2026-11-20T12:00:00Z\"");
        }
        return problems;
    }

    private static java.util.Optional<String> text(String field, String value, String what) {
        if (value == null || value.isBlank()) {
            return java.util.Optional.of(field + " is required: " + what);
        }
        if (value.length() > MAX_LENGTH) {
            return java.util.Optional.of(field + " is " + value.length() + " characters long; at most " + MAX_LENGTH);
        }
        return java.util.Optional.empty();
    }
}
