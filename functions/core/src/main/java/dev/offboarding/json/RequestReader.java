package dev.offboarding.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.offboarding.errors.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads a request into its record and turns every way it can be malformed into an {@link InvalidRequestException}
 * that names the field, what it must be and what was sent, so a person can fix it without reading the code.
 */
public final class RequestReader {
    private RequestReader() {
    }

    public static <T> T read(InputStream in, Class<T> type) {
        return read(in, type, tree -> { });
    }

    /** The same, with a check of the raw tree before it is bound (e.g. that a caller's part holds no null). */
    public static <T> T read(InputStream in, Class<T> type, Consumer<JsonNode> rawCheck) {
        return validated(parse(in, type, rawCheck));
    }

    /** The same, for a request already read as a tree (a part of a larger payload). */
    public static <T> T read(JsonNode tree, Class<T> type) {
        return read(tree, type, "");
    }

    /**
     * The same, for the value at path {@code at} of a larger document (e.g. "world"): every field is named by its
     * path in that document.
     */
    public static <T> T read(JsonNode tree, Class<T> type, String at) {
        return validated(bind(tree, type, at));
    }

    /**
     * The value at path {@code at} bound as strictly as {@link #read(JsonNode, Class, String)} binds it, without the
     * record's own {@link Validatable#problems()}: for a caller that names those problems its own way. Null for null.
     */
    public static <T> T bound(JsonNode tree, Class<T> type, String at) {
        return bind(tree, type, at);
    }

    private static <T> T validated(T request) {
        if (request == null) {
            throw new InvalidRequestException("the request is empty or null: send a JSON object such as "
                    + "{\"userName\": \"little_tester\"}");
        }
        if (request instanceof Validatable validatable) {
            List<String> problems = validatable.problems();
            if (!problems.isEmpty()) {
                throw new InvalidRequestException(problems);
            }
        }
        return request;
    }

    private static <T> T parse(InputStream in, Class<T> type, Consumer<JsonNode> rawCheck) {
        // Read the tree first: when a value has the wrong type, the tree still says what was sent there.
        JsonNode tree = readTree(in);
        if (tree != null && !tree.isNull()) {
            rawCheck.accept(tree);
        }
        return bind(tree, type, "");
    }

    /**
     * Parses one JSON document as strictly as a request is read: text that is not JSON, a key given twice (named
     * by its path) or anything after the document is an {@link InvalidRequestException}. Empty input is null.
     */
    public static JsonNode readTree(InputStream in) {
        return readTree(in, Json.mapper());
    }

    /** The same, with another configuration of the strict mapper (e.g. {@link Json#allowingComments()}). */
    public static JsonNode readTree(InputStream in, ObjectMapper mapper) {
        try {
            JsonNode tree = mapper.readTree(in);
            return tree == null || tree.isMissingNode() ? null : tree;
        } catch (MismatchedInputException e) {
            if (isEmptyInput(e)) {
                return null;
            }
            throw notJson(e);
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw new InvalidRequestException("the request could not be read: " + e.getMessage());
        }
    }

    private static InvalidRequestException notJson(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        String problem = String.valueOf(e.getOriginalMessage());
        if (problem.startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser) {
            return new InvalidRequestException("field \"" + path(parser.getParsingContext()) + "\" is given twice"
                    + where + ": keep one (a repeated key is never read as its last value)");
        }
        return new InvalidRequestException("not valid JSON: " + firstLine(problem) + where);
    }

    /** {@code detail.dryRun}: the key the parser was at. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                path.insert(0, "." + c.getCurrentName());
            } else if (c.inArray()) {
                path.insert(0, "[" + c.getCurrentIndex() + "]");
            }
        }
        return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }

    private static <T> T bind(JsonNode tree, Class<T> type, String at) {
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return null;
        }
        try {
            refuseNullFlags(tree, type, at);
            return Json.mapper().treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidRequestException("unknown field \"" + path(at, e) + "\": accepted fields here are "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "))
                    + "; remove it or correct its spelling");
        } catch (MismatchedInputException e) {
            if (isEmptyInput(e)) {
                return null;
            }
            if (e.getPath().isEmpty() && e.getTargetType() == type && at.isEmpty()) {
                throw new InvalidRequestException("the request must be a JSON object, not " + sent(tree, e));
            }
            throw new InvalidRequestException("field \"" + path(at, e) + "\" must be " + expected(e.getTargetType())
                    + ", not " + sent(tree, e));
        } catch (JsonMappingException e) {
            throw new InvalidRequestException("field \"" + path(at, e) + "\" is malformed: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
    }

    /**
     * An explicit null for a true/false or number field is ambiguous ({@code "dryRun": null}: was a dry run meant?),
     * so it is refused at any depth (an event's {@code detail.dryRun} as much as a request's {@code dryRun});
     * leaving the field out is how to ask for its default.
     */
    private static void refuseNullFlags(JsonNode node, Class<?> type, String path) {
        if (node == null || !node.isObject() || !type.isRecord()) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = fieldName(component);
            JsonNode value = node.get(name);
            if (value == null) {
                continue;
            }
            String field = path.isEmpty() ? name : path + "." + name;
            Class<?> fieldType = component.getType();
            boolean flagOrNumber = fieldType == Boolean.class || Number.class.isAssignableFrom(fieldType);
            if (flagOrNumber && value.isNull()) {
                throw new InvalidRequestException("field \"" + field + "\" must be " + expected(fieldType)
                        + ", not null: leave it out to use its default");
            }
            if (fieldType.isRecord()) {
                refuseNullFlags(value, fieldType, field);
            } else if (List.class.isAssignableFrom(fieldType) && value.isArray()
                    && component.getGenericType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
                for (int i = 0; i < value.size(); i++) {
                    refuseNullFlags(value.get(i), element, field + "[" + i + "]");
                }
            }
        }
    }

    /** The JSON name of a record component: its {@code @JsonProperty} name when it has one. */
    private static String fieldName(RecordComponent component) {
        JsonProperty property = component.getAnnotation(JsonProperty.class);
        if (property == null && component.getAccessor() != null) {
            property = component.getAccessor().getAnnotation(JsonProperty.class);
        }
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    /**
     * Refuses an explicit null anywhere in a caller's request: the workflow's entry, an event's detail, the command
     * line's scenario files and the simulator's worlds accept no null at all, since a null that a later step reads as
     * "absent" can turn a dry run into a real one. {@code label} names where the value sits, e.g. "detail". Every
     * null is named, not only the first.
     */
    public static void refuseAnyNull(JsonNode node, String label) {
        List<String> problems = new ArrayList<>();
        collectNulls(node, label, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private static void collectNulls(JsonNode node, String label, List<String> problems) {
        if (node == null) {
            return;
        }
        if (node.isNull()) {
            problems.add("field \"" + label + "\" is null: leave it out to use its default, or give it a value");
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> collectNulls(e.getValue(),
                    label.isEmpty() ? e.getKey() : label + "." + e.getKey(), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectNulls(node.get(i), label + "[" + i + "]", problems);
            }
        }
    }

    private static boolean isEmptyInput(JsonProcessingException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("No content to map");
    }

    private static String path(String at, JsonMappingException e) {
        StringBuilder path = new StringBuilder(at);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Instant.class) {
            return "an ISO-8601 timestamp such as \"2026-11-20T12:00:00Z\"";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> "\"" + c + "\"")
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "a JSON object";
    }

    /** What the request held where the mismatch is, found by following the error's path through the tree. */
    private static String sent(JsonNode tree, MismatchedInputException e) {
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (node == null) {
                break;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
        }
        if (node == null) {
            return "what was sent";
        }
        switch (node.getNodeType()) {
            case STRING:
                // An ISO-8601 timestamp or an enum is a string too: say which string.
                return e instanceof InvalidFormatException ? "\"" + node.textValue() + "\"" : "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            default:
                return "what was sent";
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable input";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
