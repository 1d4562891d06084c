package dev.offboarding.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The caller's logical time in an Invoke's client context: {@code X-Amz-Client-Context} is base64-encoded JSON
 * (at most 3,583 bytes, as Invoke takes it) whose {@code custom} map, strings only as the Lambda Java runtime reads
 * it, may hold {@code localTime}, an ISO-8601 instant. The local engine sends it in a run in virtual time
 * (statemachine/lib/run-execution.js {@code --virtual-time}).
 */
final class ClientContextTime {
    static final String HEADER = "X-Amz-Client-Context";
    static final String LOCAL_TIME_KEY = "localTime";
    static final int MAX_BYTES = 3583;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClientContextTime() {
    }

    /**
     * The logical time the client context carries, if any.
     *
     * @throws IllegalArgumentException naming what is wrong, when the header is no client context Invoke accepts or
     *                                  its {@code localTime} is no instant
     */
    static Optional<Instant> of(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (header.length() > MAX_BYTES) {
            throw new IllegalArgumentException("Client context must be at most " + MAX_BYTES + " bytes of base64: it has "
                    + header.length());
        }
        JsonNode context;
        try {
            context = JSON.readTree(new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new IllegalArgumentException("Client context must be base64-encoded JSON: " + e.getMessage());
        }
        if (context == null || !context.isObject()) {
            throw new IllegalArgumentException("Client context must be a JSON object");
        }
        JsonNode custom = context.path("custom");
        if (custom.isMissingNode() || custom.isNull()) {
            return Optional.empty();
        }
        if (!custom.isObject()) {
            throw new IllegalArgumentException("Client context's custom must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> entry : custom.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException("Client context's custom." + entry.getKey() + " must be a string");
            }
        }
        JsonNode localTime = custom.path(LOCAL_TIME_KEY);
        if (localTime.isMissingNode()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(localTime.asText()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Client context's custom." + LOCAL_TIME_KEY
                    + " must be an ISO-8601 instant, e.g. 2026-11-20T12:00:00Z: \"" + localTime.asText() + "\"");
        }
    }
}
