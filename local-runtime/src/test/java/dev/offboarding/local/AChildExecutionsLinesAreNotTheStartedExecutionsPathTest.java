package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine prints the lines of child executions (a Distributed Map's items, a startExecution.sync:2 Task's state
 * machine) with "execution", and lines of new types (ChildExecutionStarted, TaskTokenIssued, ...): the started
 * execution's path and retries are its own lines only, and a line of any other type is kept as it came.
 */
class AChildExecutionsLinesAreNotTheStartedExecutionsPathTest {

    private static WorkflowEvent event(String json) throws Exception {
        JsonNode line = Json.mapper().readTree(json);
        return WorkflowEvent.of(line);
    }

    @Test
    void thePathAndTheRetriesAreTheStartedExecutionsOwn() throws Exception {
        List<WorkflowEvent> events = Stream.of(
                "{\"type\":\"StateEntered\",\"state\":\"RunChildren\",\"at\":\"2026-01-01T00:00:00.000Z\"}",
                "{\"type\":\"ChildExecutionStarted\",\"stateMachine\":\"OffboardUser\",\"execution\":\"fo-1-alice\"}",
                "{\"type\":\"StateEntered\",\"state\":\"ListTokens\",\"execution\":\"fo-1-alice\"}",
                "{\"type\":\"StateRetried\",\"state\":\"ListTokens\",\"attempt\":1,\"execution\":\"fo-1-alice\"}",
                "{\"type\":\"ChildExecutionEnded\",\"stateMachine\":\"OffboardUser\",\"execution\":\"fo-1-alice\",\"status\":\"SUCCEEDED\"}",
                "{\"type\":\"TaskTokenIssued\",\"state\":\"AwaitApproval\",\"token\":\"t\",\"message\":\"m\"}",
                "{\"type\":\"StateEntered\",\"state\":\"Report\"}").map(line -> {
                    try {
                        return event(line);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();

        WorkflowResult result = new WorkflowResult(true, null, null, null, events);

        assertEquals(List.of("RunChildren", "Report"), result.path());
        assertEquals(List.of(), result.retriesOf("ListTokens"));
        assertEquals("fo-1-alice", events.get(2).execution());
        assertNull(events.get(0).execution());
        assertEquals("t", events.get(5).line().path("token").asText());
    }
}
