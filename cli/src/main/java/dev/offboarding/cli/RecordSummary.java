package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/**
 * One record as `offboard records list` shows it: its key and where it is, and the record's own top-level fields
 * outcome, userName, accountId, startedAt and updatedAt (null where the record has none, or is no JSON object).
 * A reinstate's record (one with a {@code reinstatement}) says so, and which offboarding record it undoes
 * ({@code reinstates}, null when it found none).
 */
record RecordSummary(String key, String location, String outcome, String userName, String accountId,
                     String startedAt, String updatedAt, String unreadable, boolean reinstate, String reinstates) {
    /** Oldest first, newest last: by the start time in the key (see RecordKeys), then by key. */
    static final Comparator<RecordSummary> START_ORDER = Comparator.comparing(RecordSummary::startInKey)
            .thenComparing(RecordSummary::key);

    static RecordSummary of(String key, String location, byte[] record) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(record);
        } catch (IOException e) {
            return new RecordSummary(key, location, null, null, null, null, null, "not JSON", false, null);
        }
        if (json == null || !json.isObject()) {
            return new RecordSummary(key, location, null, null, null, null, null, "not a JSON object", false, null);
        }
        JsonNode reinstatement = json.path("reinstatement");
        return new RecordSummary(key, location, text(json, "outcome"), text(json, "userName"),
                text(json, "accountId"), text(json, "startedAt"), text(json, "updatedAt"), null,
                reinstatement.isObject(), reinstatement.isObject() ? text(reinstatement, "lockOutRecord") : null);
    }

    /** A key listed but gone by the time it was read (deleted meanwhile). */
    static RecordSummary gone(String key, String location) {
        return new RecordSummary(key, location, null, null, null, null, null, "gone", false, null);
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    /** The file name's part before '_' (yyyyMMdd'T'HHmmss'Z', which sorts as time does), or "" if none. */
    private String startInKey() {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int underscore = name.indexOf('_');
        return underscore < 0 ? "" : name.substring(0, underscore);
    }

    /** The fields of one line, in the order printed. */
    List<String> columns() {
        return List.of(key, unreadable != null ? "(" + unreadable + ")"
                        : orDash(outcome) + (reinstate ? " (reinstate)" : ""), orDash(userName),
                orDash(accountId), orDash(startedAt), orDash(updatedAt));
    }

    ObjectNode toJson() {
        ObjectNode node = Json.mapper().createObjectNode().put("key", key).put("location", location)
                .put("outcome", outcome).put("userName", userName).put("accountId", accountId)
                .put("startedAt", startedAt).put("updatedAt", updatedAt);
        if (unreadable != null) {
            node.put("unreadable", unreadable);
        }
        if (reinstate) {
            node.put("reinstates", reinstates);
        }
        return node;
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
