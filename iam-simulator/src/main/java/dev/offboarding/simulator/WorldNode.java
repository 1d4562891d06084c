package dev.offboarding.simulator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A JSON object in a world file, read strictly: unknown keys and wrong types fail with an
 * IllegalArgumentException naming the JSON path and what was expected. A JSON null counts as absent.
 */
final class WorldNode {

    private final JsonNode node;
    private final String path;

    private WorldNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static WorldNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + ": expected an object, got " + typeOf(node));
        }
        return new WorldNode(node, path);
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path + "." + key;
    }

    IllegalArgumentException fail(String key, String problem) {
        return new IllegalArgumentException(pathOf(key) + ": " + problem);
    }

    WorldNode allowKeys(String... allowed) {
        Set<String> known = new TreeSet<>(Arrays.asList(allowed));
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw fail(name, "unknown key; expected one of " + known);
            }
        }
        return this;
    }

    Optional<String> text(String key) {
        return present(key).map(value -> {
            if (!value.isTextual()) {
                throw fail(key, "expected a string, got " + typeOf(value));
            }
            return value.textValue();
        });
    }

    String requiredText(String key) {
        return text(key).orElseThrow(() -> fail(key, "required string is missing"));
    }

    Optional<Instant> instant(String key) {
        return text(key).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw fail(key, "expected an ISO-8601 UTC instant such as \"2026-01-31T09:00:00Z\", got \"" + value + "\"");
            }
        });
    }

    Optional<Boolean> bool(String key) {
        return present(key).map(value -> {
            if (!value.isBoolean()) {
                throw fail(key, "expected true or false, got " + typeOf(value));
            }
            return value.booleanValue();
        });
    }

    Optional<Long> nonNegativeWholeNumber(String key) {
        return present(key).map(value -> {
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
                throw fail(key, "expected a whole number of zero or more, got " + typeOf(value) + " " + value);
            }
            return value.longValue();
        });
    }

    Optional<WorldNode> object(String key) {
        return present(key).map(value -> object(value, pathOf(key)));
    }

    Optional<JsonNode> raw(String key) {
        return present(key);
    }

    /** The objects of an array; empty when the key is absent. */
    List<WorldNode> objects(String key) {
        List<WorldNode> out = new ArrayList<>();
        JsonNode array = array(key);
        for (int i = 0; i < array.size(); i++) {
            out.add(object(array.get(i), pathOf(key) + "[" + i + "]"));
        }
        return out;
    }

    /** The strings of an array; empty when the key is absent. */
    List<String> texts(String key) {
        List<String> out = new ArrayList<>();
        JsonNode array = array(key);
        for (int i = 0; i < array.size(); i++) {
            JsonNode value = array.get(i);
            if (!value.isTextual()) {
                throw new IllegalArgumentException(pathOf(key) + "[" + i + "]: expected a string, got " + typeOf(value));
            }
            out.add(value.textValue());
        }
        return out;
    }

    private JsonNode array(String key) {
        JsonNode value = present(key).orElse(null);
        if (value == null) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw fail(key, "expected an array, got " + typeOf(value));
        }
        return value;
    }

    private Optional<JsonNode> present(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private static String typeOf(JsonNode value) {
        return value == null ? "nothing" : value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
