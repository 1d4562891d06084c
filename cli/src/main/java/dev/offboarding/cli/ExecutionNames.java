package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.offboarding.json.Json;
import dev.offboarding.validation.ExecutionName;

/**
 * An execution name derived from the request: the same request gets the same name, so Step Functions refuses to
 * start it twice. Names are at most 64 characters of letters, digits and {@code _+=.@-}: what Step Functions allows
 * in an execution name and, because a cross-account run uses the execution name as its STS role session name, what
 * STS allows there too.
 */
final class ExecutionNames {
    /** The shared configuration with one difference: keys are written sorted, so a name never depends on their order. */
    private static final ObjectMapper CANONICAL = Json.mapper().copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ExecutionNames() {
    }

    static String forRequest(JsonNode request) {
        String user = request.path("userName").asText().replaceAll("[^A-Za-z0-9_+=.@-]", "_");
        String prefix = "offboard-" + (user.length() > 38 ? user.substring(0, 38) : user) + "-";
        return prefix + ExecutionName.sha256(canonical(request)).substring(0, 16);
    }

    /** The request as JSON with its keys sorted at every level, so that key order does not change the name. */
    static String canonical(JsonNode request) {
        try {
            Object tree = CANONICAL.treeToValue(request, Object.class);
            return CANONICAL.writeValueAsString(tree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
