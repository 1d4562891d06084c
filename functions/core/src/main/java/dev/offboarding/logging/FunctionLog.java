package dev.offboarding.logging;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import java.io.UncheckedIOException;

/**
 * One function invocation's log. Each line is a JSON object that names the execution and the user, e.g.
 * {@code {"event":"inventory-taken","execution":"arn:aws:states:...","userName":"little_tester","blockers":3}}.
 * With the function's log format set to JSON, Lambda wraps it with the timestamp, level and request id.
 * {@code execution} is null when the function was invoked outside a workflow. Never pass a secret.
 */
public final class FunctionLog {
    private final LambdaLogger logger;
    private final String execution;
    private final String userName;

    private FunctionLog(LambdaLogger logger, String execution, String userName) {
        this.logger = logger;
        this.execution = execution;
        this.userName = userName;
    }

    public static FunctionLog of(Context context, String execution, String userName) {
        return new FunctionLog(context.getLogger(), execution, userName);
    }

    /** Logs {@code event} with alternating field names and values: {@code info("deleted", "attempt", 2)}. */
    public void info(String event, Object... fieldsAndValues) {
        logger.log(line(event, fieldsAndValues), LogLevel.INFO);
    }

    String line(String event, Object... fieldsAndValues) {
        if (fieldsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields and values must come in pairs");
        }
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("event", event);
        line.put("execution", execution);
        line.put("userName", userName);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            line.set(String.valueOf(fieldsAndValues[i]), Json.mapper().valueToTree(fieldsAndValues[i + 1]));
        }
        try {
            return Json.mapper().writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
