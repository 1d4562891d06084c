package dev.offboarding.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A function's log line is what CloudWatch Logs Insights can query: with the functions' LogFormat JSON, Lambda's Java
 * runtime turns a String message into {"timestamp", "level", "message": "<the text>", "AWSRequestId"} (its
 * JsonLogFormatter), so fields inside the text cannot be filtered on; a byte[] message is written as it is
 * (AbstractLambdaLogger: "there is no formatting for byte[] messages"). So each line is bytes: one complete JSON
 * object carrying Lambda's own fields and ours, all at the top level.
 */
class FunctionLogTest {
    private static final String EXECUTION = "arn:aws:states:eu-west-1:123456789012:execution:OffboardUser:run-1";
    private static final Clock AT = Clock.fixed(Instant.parse("2026-12-02T01:30:00.005Z"), ZoneOffset.UTC);

    /** What a logger was asked to write, and through which of LambdaLogger's methods. */
    private static final class RecordingLogger implements LambdaLogger {
        final List<String> calls = new ArrayList<>();
        final List<byte[]> bytes = new ArrayList<>();

        @Override
        public void log(String message) {
            calls.add("log(String)");
        }

        @Override
        public void log(byte[] message) {
            calls.add("log(byte[])");
        }

        @Override
        public void log(String message, LogLevel level) {
            calls.add("log(String, " + level + ")");
        }

        @Override
        public void log(byte[] message, LogLevel level) {
            calls.add("log(byte[], " + level + ")");
            bytes.add(message);
        }
    }

    private static FunctionLog log(LambdaLogger logger) {
        return new FunctionLog(logger, AT, "8f5c2a1e-request", EXECUTION, "little_tester");
    }

    @Test
    void eachLineReachesLambdaAsBytesAtItsLevelWhichTheRuntimeDoesNotWrap() {
        RecordingLogger logger = new RecordingLogger();

        log(logger).info("inventory-taken", "blockers", 3);

        assertEquals(List.of("log(byte[], INFO)"), logger.calls);
    }

    @Test
    void theLineIsOneJsonObjectWithLambdasFieldsAndOursAtTheTopLevel() throws Exception {
        RecordingLogger logger = new RecordingLogger();

        log(logger).info("inventory-taken", "blockers", 3, "decision", "REMOVE", "privileged", false);

        String line = new String(logger.bytes.get(0), StandardCharsets.UTF_8);
        assertEquals("{\"timestamp\":\"2026-12-02T01:30:00.005Z\",\"level\":\"INFO\",\"AWSRequestId\":\"8f5c2a1e-request\","
                + "\"event\":\"inventory-taken\",\"execution\":\"" + EXECUTION + "\",\"userName\":\"little_tester\","
                + "\"blockers\":3,\"decision\":\"REMOVE\",\"privileged\":false}\n", line);
        JsonNode json = Json.mapper().readTree(line);
        assertEquals(EXECUTION, json.get("execution").asText(), "execution is a field Logs Insights can filter on");
        assertEquals("little_tester", json.get("userName").asText());
    }

    @Test
    void aValueThatIsAStructureStaysAStructure() throws Exception {
        RecordingLogger logger = new RecordingLogger();

        log(logger).info("round-done", "items", List.of(Map.of("kind", "ACCESS_KEY")), "attempt", 2);

        JsonNode json = Json.mapper().readTree(logger.bytes.get(0));
        assertEquals("ACCESS_KEY", json.get("items").get(0).get("kind").asText());
        assertTrue(json.get("attempt").isInt());
    }

    @Test
    void outsideAWorkflowTheExecutionIsNull() throws Exception {
        RecordingLogger logger = new RecordingLogger();

        new FunctionLog(logger, AT, "r", null, "bob").info("delete-user-answered");

        JsonNode json = Json.mapper().readTree(logger.bytes.get(0));
        assertTrue(json.has("execution") && json.get("execution").isNull(), json.toString());
    }

    @Test
    void aLineIsOneLineWhateverItsValuesHoldAndTheTimeAlwaysHasItsMilliseconds() {
        RecordingLogger logger = new RecordingLogger();

        new FunctionLog(logger, Clock.fixed(Instant.parse("2026-12-02T01:30:00Z"), ZoneOffset.UTC), "r", null, "bob")
                .info("item-failed", "message", "first line\nsecond line");

        String line = new String(logger.bytes.get(0), StandardCharsets.UTF_8);
        assertEquals(line.length() - 1, line.indexOf('\n'), "only the line feed that ends it: " + line);
        assertTrue(line.startsWith("{\"timestamp\":\"2026-12-02T01:30:00.000Z\""), line);
    }

    @Test
    void aFieldMayNotTakeTheNameOfOneTheLineAlreadyHas() {
        FunctionLog log = log(new RecordingLogger());

        for (String name : List.of("timestamp", "level", "AWSRequestId", "event", "execution", "userName")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> log.info("x", name, 1));
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> log.info("x", "attempt", 1, "attempt", 2));
        assertThrows(IllegalArgumentException.class, () -> log.info("x", "attempt"));
    }

    @Test
    void theLocalContextKeepsTheLineAsItKeepsAStringWithoutItsLineFeed() throws Exception {
        LocalContext context = new LocalContext("delete-user");

        FunctionLog.of(context, EXECUTION, "bob").info("delete-user-answered", "attempt", 2);
        context.getLogger().log("plain text", LogLevel.INFO);

        List<String> lines = context.loggedLines();
        assertEquals(2, lines.size(), lines.toString());
        JsonNode json = Json.mapper().readTree(lines.get(0));
        assertEquals(context.getAwsRequestId(), json.get("AWSRequestId").asText());
        assertEquals("delete-user-answered", json.get("event").asText());
        assertTrue(lines.get(0).endsWith("}"), lines.get(0));
        assertEquals("plain text", lines.get(1));
    }
}
