package dev.offboarding.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.offboarding.errors.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
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
        return validated(bind(tree, type));
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
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(in);
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
        if (tree != null && !tree.isMissingNode() && !tree.isNull()) {
            rawCheck.accept(tree);
        }
        return bind(tree, type);
    }

    private static InvalidRequestException notJson(JsonProcessingException e) {
        return new InvalidRequestException("the request is not valid JSON: " + firstLine(e.getOriginalMessage())
                + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")"));
    }

    private static <T> T bind(JsonNode tree, Class<T> type) {
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return null;
        }
        try {
            refuseNullFlags(tree, type);
            return Json.mapper().treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidRequestException("unknown field \"" + path(e) + "\": accepted fields here are "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "))
                    + "; remove it or correct its spelling");
        } catch (MismatchedInputException e) {
            if (isEmptyInput(e)) {
                return null;
            }
            if (e.getPath().isEmpty() && e.getTargetType() == type) {
                throw new InvalidRequestException("the request must be a JSON object, not " + sent(tree, e));
            }
            throw new InvalidRequestException("field \"" + path(e) + "\" must be " + expected(e.getTargetType())
                    + ", not " + sent(tree, e));
        } catch (JsonMappingException e) {
            throw new InvalidRequestException("field \"" + path(e) + "\" is malformed: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
    }

    /**
     * An explicit null for a true/false or number field is ambiguous ({@code "dryRun": null}: was a dry run meant?),
     * so it is refused at any depth (an event's {@code detail.dryRun} as much as a request's {@code dryRun});
     * leaving the field out is how to ask for its default.
     */
    private static void refuseNullFlags(JsonNode tree, Class<?> type) {
        refuseNullFlags(tree, type, "");
    }

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
     * Refuses an explicit null anywhere in a caller's request: the workflow's entry, an event's detail and the
     * command line's scenario files accept no null at all, since a null that a later step reads as "absent" can
     * turn a dry run into a real one. {@code label} names where the value sits, e.g. "detail".
     */
    public static void refuseAnyNull(JsonNode node, String label) {
        if (node == null) {
            return;
        }
        if (node.isNull()) {
            throw new InvalidRequestException("field \"" + label + "\" is null: leave it out to use its default,"
                    + " or give it a value");
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> refuseAnyNull(e.getValue(),
                    label.isEmpty() ? e.getKey() : label + "." + e.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseAnyNull(node.get(i), label + "[" + i + "]");
            }
        }
    }

    private static boolean isEmptyInput(JsonProcessingException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("No content to map");
    }

    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
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
                return "a string";
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
