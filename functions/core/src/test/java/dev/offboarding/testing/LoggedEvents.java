package dev.offboarding.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a handler logged, as its tests compare it: each line is checked to be one JSON object that starts with the
 * fields Lambda's JSON log format would have added ({@code timestamp} in UTC with milliseconds, {@code level},
 * {@code AWSRequestId} of the invocation), and is given without those three, so that a test can compare the rest
 * exactly.
 */
public final class LoggedEvents {
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private LoggedEvents() {
    }

    public static List<String> of(LocalContext context) {
        List<String> events = new ArrayList<>();
        for (String line : context.loggedLines()) {
            JsonNode json;
            try {
                json = Json.mapper().readTree(line);
            } catch (IOException e) {
                throw new AssertionError("a log line is not JSON: " + line, e);
            }
            List<String> fields = new ArrayList<>();
            json.fieldNames().forEachRemaining(fields::add);
            if (!json.isObject() || fields.size() < 3
                    || !fields.subList(0, 3).equals(List.of("timestamp", "level", "AWSRequestId"))) {
                throw new AssertionError("a log line does not start with timestamp, level, AWSRequestId: " + line);
            }
            if (!TIMESTAMP.matcher(json.get("timestamp").asText()).matches()
                    || !json.get("AWSRequestId").asText().equals(context.getAwsRequestId())) {
                throw new AssertionError("a log line's timestamp or request id is not the invocation's: " + line);
            }
            ObjectNode event = ((ObjectNode) json).deepCopy();
            event.remove(List.of("timestamp", "level", "AWSRequestId"));
            try {
                events.add(Json.mapper().writeValueAsString(event));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }
}
