package dev.offboarding.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * EventBridge's event pattern matching, for the filters a rule of this product uses: exact values, and the
 * {@code prefix}, {@code suffix}, {@code equals-ignore-case}, {@code exists} and {@code anything-but} filters. Every
 * field of the pattern must match; a field holds a list of alternatives; an array in the event matches when any of
 * its elements does.
 */
final class EventPattern {
    private EventPattern() {
    }

    static boolean matches(JsonNode pattern, JsonNode event) {
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = event.path(field.getKey());
            boolean ok = field.getValue().isObject()
                    ? value.isObject() && matches(field.getValue(), value)
                    : anyAlternative(field.getValue(), value);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyAlternative(JsonNode alternatives, JsonNode value) {
        if (!alternatives.isArray()) {
            throw new IllegalArgumentException("a pattern's leaf must be a list of alternatives, not " + alternatives);
        }
        for (JsonNode alternative : alternatives) {
            if (alternative.isObject() && alternative.has("exists")) {
                if (alternative.get("exists").asBoolean() != !value.isMissingNode()) {
                    continue;
                }
                return true;
            }
            if (value.isArray()) {
                for (JsonNode element : value) {
                    if (matchesOne(alternative, element)) {
                        return true;
                    }
                }
            } else if (!value.isMissingNode() && matchesOne(alternative, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesOne(JsonNode alternative, JsonNode value) {
        if (!alternative.isObject()) {
            return alternative.equals(value);
        }
        String text = value.asText();
        if (alternative.has("prefix")) {
            return value.isTextual() && text.startsWith(alternative.get("prefix").asText());
        }
        if (alternative.has("suffix")) {
            return value.isTextual() && text.endsWith(alternative.get("suffix").asText());
        }
        if (alternative.has("equals-ignore-case")) {
            return value.isTextual() && text.equalsIgnoreCase(alternative.get("equals-ignore-case").asText());
        }
        if (alternative.has("anything-but")) {
            JsonNode excluded = alternative.get("anything-but");
            if (excluded.isArray()) {
                for (JsonNode e : excluded) {
                    if (e.equals(value)) {
                        return false;
                    }
                }
                return true;
            }
            return !excluded.equals(value);
        }
        throw new IllegalArgumentException("unsupported filter " + alternative);
    }
}
