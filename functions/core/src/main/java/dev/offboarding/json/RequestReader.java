package dev.offboarding.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.offboarding.errors.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
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
        try {
            return Json.mapper().readValue(in, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidRequestException("unknown field \"" + path(e) + "\": accepted fields here are "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "))
                    + "; remove it or correct its spelling");
        } catch (MismatchedInputException e) {
            if (isEmptyInput(e)) {
                return null;
            }
            if (e.getPath().isEmpty() && e.getTargetType() == type) {
                throw new InvalidRequestException("the request must be a JSON object, not " + sent(e));
            }
            throw new InvalidRequestException("field \"" + path(e) + "\" must be " + expected(e.getTargetType())
                    + ", not " + sent(e));
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

    private static String sent(MismatchedInputException e) {
        if (!(e.getProcessor() instanceof JsonParser parser) || parser.currentToken() == null) {
            return "what was sent";
        }
        JsonToken token = parser.currentToken();
        switch (token) {
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            case START_ARRAY:
            case END_ARRAY:
                return "an array";
            case START_OBJECT:
            case END_OBJECT:
            case FIELD_NAME:
                return "an object";
            default:
                return token.asString() == null ? token.name() : token.asString();
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
