package dev.offboarding.logging;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * One function invocation's log. Each line is one complete JSON object whose fields are all at the top level, e.g.
 * {@code {"timestamp":"2026-12-02T01:30:00.123Z","level":"INFO","AWSRequestId":"...","event":"inventory-taken",
 * "execution":"arn:aws:states:...","userName":"little_tester","blockers":3}}, so that CloudWatch Logs Insights can
 * filter on {@code execution}, {@code userName} or any other field. {@code execution} is null when the function was
 * invoked outside a workflow. Never pass a secret.
 *
 * <p>The line is handed to Lambda as bytes: with the function's log format set to JSON, Lambda's Java runtime wraps
 * a {@code String} message into {@code {"timestamp", "level", "message": "<the line as one string>",
 * "AWSRequestId"}}, which hides its fields from Logs Insights, but writes a {@code byte[]} message as it is (the way
 * aws-lambda-java-log4j2 writes its JSON layouts). So this line carries the fields Lambda would have added itself.
 */
public final class FunctionLog {
    /** The names of the fields every line starts with; a caller's field may not take one of them. */
    static final Set<String> ENVELOPE = Set.of("timestamp", "level", "AWSRequestId", "event", "execution", "userName");
    /** Lambda's own format of a log line's time: UTC, milliseconds, always the same width. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final LambdaLogger logger;
    private final Clock clock;
    private final String requestId;
    private final String execution;
    private final String userName;

    FunctionLog(LambdaLogger logger, Clock clock, String requestId, String execution, String userName) {
        this.logger = logger;
        this.clock = clock;
        this.requestId = requestId;
        this.execution = execution;
        this.userName = userName;
    }

    public static FunctionLog of(Context context, String execution, String userName) {
        return new FunctionLog(context.getLogger(), Clock.systemUTC(), context.getAwsRequestId(), execution, userName);
    }

    /** Logs {@code event} with alternating field names and values: {@code info("deleted", "attempt", 2)}. */
    public void info(String event, Object... fieldsAndValues) {
        logger.log(line(LogLevel.INFO, event, fieldsAndValues), LogLevel.INFO);
    }

    /** One line: the JSON object and its line feed, in UTF-8. */
    byte[] line(LogLevel level, String event, Object... fieldsAndValues) {
        if (fieldsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields and values must come in pairs");
        }
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("timestamp", TIMESTAMP.format(clock.instant()));
        line.put("level", level.name());
        line.put("AWSRequestId", requestId);
        line.put("event", event);
        line.put("execution", execution);
        line.put("userName", userName);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            String name = String.valueOf(fieldsAndValues[i]);
            if (ENVELOPE.contains(name) || line.has(name)) {
                throw new IllegalArgumentException("a log line has one field " + name + ": pick another name");
            }
            line.set(name, Json.mapper().valueToTree(fieldsAndValues[i + 1]));
        }
        try {
            byte[] json = Json.mapper().writeValueAsBytes(line);
            byte[] withLineFeed = new byte[json.length + 1];
            System.arraycopy(json, 0, withLineFeed, 0, json.length);
            withLineFeed[json.length] = '\n';
            return withLineFeed;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
