package dev.offboarding.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every document that differs from a JSON document in one place: a field left out, a field or an array item set to
 * null or to a value of another JSON type, or an unknown field added to an object, at every depth.
 */
final class OneFieldChanges {
    static final String UNKNOWN_FIELD = "notAField";

    record Change(String description, JsonNode document) {
    }

    private OneFieldChanges() {
    }

    static List<Change> of(JsonNode document) {
        List<Change> changes = new ArrayList<>();
        collect(document, document, "", changes);
        return changes;
    }

    /** Only the fields left out, at every depth. */
    static List<Change> leavingOut(JsonNode document) {
        return of(document).stream().filter(c -> c.description().endsWith(" left out")).toList();
    }

    private static void collect(JsonNode root, JsonNode node, String path, List<Change> changes) {
        if (node.isObject()) {
            changes.add(change(root, path, path + "." + UNKNOWN_FIELD + " added",
                    at -> ((ObjectNode) at).put(UNKNOWN_FIELD, "x")));
            node.fieldNames().forEachRemaining(name -> {
                String field = path + "." + name;
                changes.add(change(root, path, field + " left out", at -> ((ObjectNode) at).remove(name)));
                changes.add(change(root, path, field + " null", at -> ((ObjectNode) at).putNull(name)));
                JsonNode other = anotherType(node.get(name));
                changes.add(change(root, path, field + " " + other, at -> ((ObjectNode) at).set(name, other)));
                collect(root, node.get(name), field, changes);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                int index = i;
                String item = path + "[" + i + "]";
                changes.add(change(root, path, item + " null", at -> ((ArrayNode) at).setNull(index)));
                JsonNode other = anotherType(node.get(i));
                changes.add(change(root, path, item + " " + other, at -> ((ArrayNode) at).set(index, other)));
                collect(root, node.get(i), item, changes);
            }
        }
    }

    private static Change change(JsonNode root, String path, String description, Consumer<JsonNode> edit) {
        JsonNode copy = root.deepCopy();
        edit.accept(path.isEmpty() ? copy : copy.at(pointer(path)));
        return new Change("$" + description, copy);
    }

    /** A value of another JSON type than {@code value}'s. */
    private static JsonNode anotherType(JsonNode value) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (value.isTextual()) {
            return json.numberNode(42);
        }
        if (value.isNumber()) {
            return json.textNode(value.asText());
        }
        if (value.isBoolean()) {
            return json.textNode(value.asText());
        }
        if (value.isNull()) {
            return json.booleanNode(true);
        }
        if (value.isArray()) {
            return json.objectNode();
        }
        return json.textNode("text");
    }

    /** ".a.b[2].c" as a JSON pointer "/a/b/2/c". */
    private static String pointer(String path) {
        return path.replace("~", "~0").replace("/", "~1").replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    }
}
