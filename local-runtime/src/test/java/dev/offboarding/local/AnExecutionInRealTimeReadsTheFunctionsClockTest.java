package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.removetokens.Pause;
import dev.offboarding.simulator.IamSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A local run in real time over a scenario's world: the world's clock starts at the scenario's "now" and runs in real
 * time, and so does the engine's, so that $$.Execution.StartTime (the record's startedAt and its key) and the times
 * the functions write (updatedAt) read one clock, as they do on AWS.
 */
class AnExecutionInRealTimeReadsTheFunctionsClockTest {
    private static final Instant WORLDS_NOW = Instant.parse("2026-11-20T12:00:00Z");

    @Test
    void theExecutionStartsAtTheWorldsTimeAndItsRecordSaysSo() throws Exception {
        RealWorkflow.ensureEngineInstalled();
        JsonNode scenario = Scenario.read(Scenario.eventsDir().resolve("scenarios/dry-run.json"));
        Clock worldsClock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), WORLDS_NOW));
        IamSimulator iam = IamSimulator.fromWorld(scenario.path("world"), worldsClock);
        MemoryRecordStore records = new MemoryRecordStore();
        LocalFunctions functions = new LocalFunctions(iam, worldsClock, GuardSettings.defaults(), Pause.REAL, records);
        WorkflowRunner.Run run = new WorkflowRunner.Run(RealWorkflow.STATEMACHINE.resolve("offboard-user.asl.json"),
                RealWorkflow.substitutions(), Json.mapper().writeValueAsString(scenario.path("request")),
                "on-the-worlds-clock", "OffboardUser", true, List.of());

        WorkflowResult result = new WorkflowRunner(RealWorkflow.STATEMACHINE, "node", Duration.ofMinutes(2))
                .run(run, functions, event -> { });

        assertTrue(result.succeeded(), result.error() + ": " + result.cause());
        List<String> keys = records.keys(RecordKeys.userPrefix(iam.accountId(), "contractor_jane"));
        assertEquals(1, keys.size(), keys.toString());
        JsonNode record = Json.mapper().readTree(records.get(keys.get(0)).orElseThrow());
        Instant startedAt = Instant.parse(record.path("startedAt").asText());
        Instant updatedAt = Instant.parse(record.path("updatedAt").asText());
        assertTrue(!startedAt.isBefore(WORLDS_NOW) && startedAt.isBefore(WORLDS_NOW.plusSeconds(60)),
                "the execution started at the world's time, not this machine's: " + startedAt);
        assertTrue(!updatedAt.isBefore(startedAt) && updatedAt.isBefore(startedAt.plusSeconds(60)),
                "the record was written after the execution started, on the same clock: " + startedAt + ", "
                        + updatedAt);
        assertEquals(RecordKeys.key(iam.accountId(), "contractor_jane", startedAt, "on-the-worlds-clock"), keys.get(0));
    }
}
