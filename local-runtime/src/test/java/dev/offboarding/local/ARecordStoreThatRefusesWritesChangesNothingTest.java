package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.audit.Intent;
import dev.offboarding.errors.RecordStoreUnavailableException;
import dev.offboarding.json.Json;
import dev.offboarding.records.RecordKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The record is written ahead of every change: a run whose record cannot be written stops before it changes anything
 * in IAM, and fails naming where the record was to go and why it could not. A dry run writes its records and changes
 * nothing. The real definition on the local engine, with the real functions, over every_blocker.
 */
class ARecordStoreThatRefusesWritesChangesNothingTest {
    private static final String EXECUTION = RealWorkflow.EXECUTION_PREFIX;
    private static final Instant START = Instant.parse("2026-11-20T12:00:00Z");

    /**
     * Not even the first record (OPEN) is written, nor the last (CONCLUDE): record-outcome itself fails, and the
     * execution ends as Offboarding.RecordsUnavailable (WhyNotRecorded), before any IAM call.
     */
    @Test
    void aStoreThatRefusesEveryWriteEndsTheRunBeforeAnyIamCallNamingTheRecordAndTheReason() throws Exception {
        WatchedRecordStore store = WatchedRecordStore.refusing(record -> true);
        RealWorkflow world = RealWorkflow.scenario("every-blocker", store);

        WorkflowResult result = world.offboard("refused");

        assertFalse(result.succeeded(), "a run whose record cannot be written does not succeed");
        assertEquals("Offboarding.RecordsUnavailable", result.error(), result.cause());
        List<String> path = result.path();
        assertEquals(List.of("RecordOutcome", "AnnounceNotRecorded", "WhyNotRecorded", "RecordsUnavailable"),
                path.subList(path.size() - 4, path.size()), path.toString());
        assertEquals(List.of("ValidateRequest", "Start", "OpenRecord", "OpenRecordFailed"), path.subList(0, 4),
                "no step after the record could not be opened but the end: " + path);
        assertEquals(List.of(), world.iam.calls().mutating(), "no change in IAM");
        assertEquals(List.of(), world.iam.calls().all(), "the record is opened before any IAM call");
        assertNamesTheRecordAndTheReason(errorMessage(result.cause()), keyOf(world, "refused"));
        assertEquals(List.of(), store.written());
        assertFalse(store.refused().isEmpty());
    }

    /**
     * The record is opened, then the intent of the removal round cannot be written: the round does not run. Here the
     * store refuses that one write only, so the final record says how the run ended: FAILED, with the error the
     * execution fails with.
     */
    @Test
    void aStoreThatRefusesTheIntentOfTheRemovalStopsTheRunBeforeItsFirstChange() throws Exception {
        WatchedRecordStore store = WatchedRecordStore.refusing(ARecordStoreThatRefusesWritesChangesNothingTest::intent);
        RealWorkflow world = RealWorkflow.scenario("every-blocker", store);

        WorkflowResult result = world.offboard("intent-refused");

        assertFalse(result.succeeded(), "a run whose record cannot be written does not succeed");
        assertEquals("Offboarding.RecordsUnavailable", result.error(), result.cause());
        assertNamesTheRecordAndTheReason(result.cause(), keyOf(world, "intent-refused"));
        assertFalse(result.path().contains("RemoveTokens"), result.path().toString());
        assertEquals(List.of(), world.iam.calls().mutating(), "no change in IAM");
        assertFalse(world.iam.calls().all().isEmpty(), "the user was looked at, and only looked at");
        assertTrue(world.iam.userExists(world.userName()));

        assertFalse(store.refused().isEmpty());
        store.refused().forEach(refused -> assertTrue(intent(refused), refused.path("pending").toString()));
        List<JsonNode> written = store.writtenRecords();
        assertEquals(List.of("IN_PROGRESS", "FAILED"), outcomes(written));
        JsonNode last = written.get(written.size() - 1);
        assertEquals("Offboarding.RecordsUnavailable", last.path("error").asText());
        assertEquals(result.cause(), last.path("cause").asText(), "the record's cause is the execution's");
        assertEquals(last, world.record(keyOf(world, "intent-refused")));
    }

    /**
     * The record is opened, and then the store refuses every write: the intent and the final record too. The run
     * does not change anything; its record stays as opened, IN_PROGRESS with nothing pending.
     */
    @Test
    void aStoreThatAcceptsTheOpeningOnlyStopsTheRunBeforeItsFirstChange() throws Exception {
        WatchedRecordStore store = WatchedRecordStore.acceptingOnlyTheFirst(1);
        RealWorkflow world = RealWorkflow.scenario("every-blocker", store);

        WorkflowResult result = world.offboard("opened-only");

        assertFalse(result.succeeded(), "a run whose record cannot be written does not succeed");
        assertEquals("Offboarding.RecordsUnavailable", result.error(), result.cause());
        assertTrue(result.path().contains("RecordIntentFailed"), result.path().toString());
        assertEquals("RecordsUnavailable", result.path().get(result.path().size() - 1));
        assertNamesTheRecordAndTheReason(errorMessage(result.cause()), keyOf(world, "opened-only"));
        assertEquals(List.of(), world.iam.calls().mutating(), "no change in IAM");
        JsonNode opened = world.record(keyOf(world, "opened-only"));
        assertEquals(1, store.written().size());
        assertEquals("IN_PROGRESS", opened.path("outcome").asText());
        assertTrue(opened.path("pending").isNull(), opened.path("pending").toString());
    }

    /** A dry run writes its record at each stage, ends DRY_RUN with the plan, and makes no change. */
    @Test
    void aDryRunWritesItsRecordsAndChangesNothing() throws Exception {
        WatchedRecordStore store = WatchedRecordStore.accepting();
        RealWorkflow world = RealWorkflow.scenario("every-blocker", store);
        ObjectNode request = world.request().deepCopy();
        request.put("dryRun", true);

        WorkflowResult result = world.offboard(request, "dry-run");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals(List.of(), world.iam.calls().mutating(), "a dry run changes nothing");
        List<JsonNode> written = store.writtenRecords();
        assertEquals(List.of("IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "DRY_RUN"), outcomes(written),
                "opened, the planned round's intent, its result, the end");
        JsonNode intent = written.get(1).path("pending");
        assertEquals(Intent.REMOVE_TOKENS, intent.path("step").asText(), intent.toString());
        assertTrue(intent.path("dryRun").asBoolean(), intent.toString());
        JsonNode last = written.get(written.size() - 1);
        assertEquals(result.output(), last, "the output is the stored record");
        assertEquals(last, world.record(keyOf(world, "dry-run")));
        assertTrue(last.path("plan").toString().contains("WOULD_DELETE"), last.path("plan").toString());
        assertTrue(world.iam.userExists(world.userName()));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** The record of a removal round's intent. */
    private static boolean intent(JsonNode record) {
        return Intent.REMOVE_TOKENS.equals(record.path("pending").path("step").asText());
    }

    private static String keyOf(RealWorkflow world, String executionName) {
        return RecordKeys.key(world.accountId(), world.userName(), START, executionName);
    }

    private static void assertNamesTheRecordAndTheReason(String message, String key) {
        assertTrue(message.contains(WatchedRecordStore.LOCATION + key), "the location of the record: " + message);
        assertTrue(message.contains(WatchedRecordStore.REFUSAL), "why it could not be written: " + message);
    }

    /** The message of a function error, whose Cause is Lambda's error document. */
    private static String errorMessage(String cause) throws Exception {
        JsonNode document = Json.mapper().readTree(cause);
        assertEquals(RecordStoreUnavailableException.class.getName(), document.path("errorType").asText(), cause);
        return document.path("errorMessage").asText();
    }

    private static List<String> outcomes(List<JsonNode> records) {
        List<String> outcomes = new ArrayList<>();
        records.forEach(record -> outcomes.add(record.path("outcome").asText()));
        return outcomes;
    }
}
