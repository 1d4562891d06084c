package dev.offboarding.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.offboarding.errors.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a request into its record and turns every way it can be malformed into an {@link InvalidRequestException}
 * that names the field, what it must be and what was sent, so a person can fix it without reading the code.
 */
public final class RequestReader {
    private RequestReader() {
    }

    public static <T> T read(InputStream in, Class<T> type) {
        T request = parse(in, type);
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

    private static <T> T parse(InputStream in, Class<T> type) {
        // Read the tree first: when a value has the wrong type, the tree still says what was sent there.
        JsonNode tree = null;
        try {
            tree = Json.mapper().readTree(in);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return null;
            }
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
            String problem = e.getOriginalMessage();
            throw new InvalidRequestException("the request is not valid JSON: " + firstLine(problem)
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new InvalidRequestException("the request could not be read: " + e.getMessage());
        }
    }

    /**
     * An explicit null for a true/false or number field is ambiguous ({@code "dryRun": null}: was a dry run meant?),
     * so it is refused; leaving the field out is how to ask for its default.
     */
    private static void refuseNullFlags(JsonNode tree, Class<?> type) {
        if (!tree.isObject() || !type.isRecord()) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> fieldType = component.getType();
            boolean flagOrNumber = fieldType == Boolean.class || Number.class.isAssignableFrom(fieldType);
            JsonNode value = tree.get(component.getName());
            if (flagOrNumber && value != null && value.isNull()) {
                throw new InvalidRequestException("field \"" + component.getName() + "\" must be "
                        + expected(fieldType) + ", not null: leave it out to use its default");
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
