package dev.offboarding.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.RecordStoreUnavailableException;
import dev.offboarding.local.WorkflowEvent;
import dev.offboarding.local.WorkflowResult;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.simulator.Call;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The offboarding record with the real handlers and the IAM simulator: record-outcome writes the execution's one
 * record ahead of every change and at the end, the store's refusal stops the run before the change it would have
 * recorded, an unfinished run's virtual MFA device is finished by the next run, and the end is announced with the
 * record's location.
 */
class OffboardingRecordsWithRealFunctionsTest {
    private static final String ACCOUNT = "123456789012";
    private static final String DEVICE = "arn:aws:iam::123456789012:mfa/little_tester";
    private static final String EXECUTIONS = "arn:aws:states:us-east-1:123456789012:execution:OffboardUser:";

    @Test
    void eachStageIsWrittenAheadOfWhatItAnnouncesAndTheFinalRecordIsTheExecutionsOutput() throws Exception {
        VersionedRecordStore records = new VersionedRecordStore();
        RealFunctions world = RealFunctions.scenario("little-tester", records);
        world.iam.visibilityLag(Duration.ZERO);
        records.counting(() -> world.iam.calls().mutating().size());

        WorkflowResult result = world.offboard(RealFunctions.request("little-tester"), true, "records-1");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        String key = RecordKeys.key(ACCOUNT, "little_tester", world.start, "records-1");
        assertEquals(List.of(key), records.keys(""), "one record for the execution, under its account and user");
        assertEquals(result.output(), world.record(key), "the final record is the execution's output");
        List<VersionedRecordStore.Version> versions = records.versions();
        assertEquals(List.of("IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "DELETED"),
                versions.stream().map(v -> v.record().path("outcome").asText()).toList(),
                "written at OPEN, before and after the round, before DeleteUser, at the end");
        assertEquals(List.of("", "RemoveTokens", "", "DeleteUser", ""),
                versions.stream().map(v -> v.record().path("pending").path("step").asText()).toList());
        assertEquals(0, versions.get(1).mutatingCallsBefore(), "the round's intent was written before any change");
        JsonNode intent = versions.get(1).record().path("pending");
        assertEquals("REMOVE", intent.path("mode").asText());
        assertTrue(intent.path("plan").toString().contains("\"AKIAQLITTLETESTER001\""), "the plan names each item");
        assertEquals(1, versions.get(2).record().path("removed").size(), "the round's result joins the record");
        List<Call> changes = world.iam.calls().mutating();
        assertEquals(changes.stream().filter(c -> !c.operation().equals("DeleteUser")).count(),
                versions.get(3).mutatingCallsBefore(), "DeleteUser's intent was written before DeleteUser was called");
        assertEquals(Instant.parse("2026-11-20T12:00:00Z"), Instant.parse(result.output().path("startedAt").asText()));
        assertTrue(result.output().path("pending").isNull(), "nothing pending at the end");

        JsonNode event = onlyEventPut(result);
        assertEquals("Offboarding Completed", event.path("DetailType").asText());
        assertEquals(RealFunctions.substitutions().get("OffboardingEventSource"), event.path("Source").asText());
        assertEquals(RealFunctions.substitutions().get("OffboardingEventBusName"), event.path("EventBusName").asText());
        JsonNode detail = RealFunctions.JSON.readTree(event.path("Detail").asText());
        assertEquals("DELETED", detail.path("outcome").asText());
        assertEquals(key, detail.path("record").path("key").asText());
        assertEquals(records.describe(key), detail.path("record").path("location").asText());
        assertEquals(EXECUTIONS + "records-1", detail.path("execution").asText());
        assertEquals(List.of(EXECUTIONS + "records-1", "arn:aws:states:us-east-1:123456789012:stateMachine:OffboardUser"),
                RealFunctions.JSON.convertValue(event.path("Resources"), List.class), "as the integration adds them");
    }

    @Test
    void aStoreThatRefusesEverythingStopsTheRunBeforeAnyIamCallAndTheFailureIsAnnounced() throws Exception {
        VersionedRecordStore records = new VersionedRecordStore().refusingEverything();
        RealFunctions world = RealFunctions.scenario("little-tester", records);

        WorkflowResult result = world.offboard(RealFunctions.request("little-tester"), true, "records-refused");

        assertFalse(result.succeeded());
        assertEquals("Offboarding.RecordsUnavailable", result.error(), "the store, named as such");
        assertTrue(result.cause().contains(RecordStoreUnavailableException.class.getName()), result.cause());
        assertTrue(result.cause().contains("ListObjectsV2") || result.cause().contains("PutObject"), result.cause());
        assertEquals(List.of("ValidateRequest", "Start", "OpenRecord", "OpenRecordFailed", "RecordOutcome",
                "AnnounceNotRecorded", "WhyNotRecorded", "RecordsUnavailable"), result.path());
        assertEquals(List.of(), world.iam.calls().all(), "fail closed: no IAM call at all");
        assertTrue(world.iam.userExists("little_tester"));
        JsonNode event = onlyEventPut(result);
        assertEquals("Offboarding Failed", event.path("DetailType").asText());
        assertTrue(RealFunctions.JSON.readTree(event.path("Detail").asText()).path("record").isNull());
    }

    @Test
    void aStoreThatRefusesTheRoundsIntentStopsTheRunBeforeItChangesAnything() throws Exception {
        VersionedRecordStore records = new VersionedRecordStore()
                .refusing(record -> record.path("pending").path("step").asText().equals("RemoveTokens"));
        RealFunctions world = RealFunctions.scenario("little-tester", records);

        WorkflowResult result = world.offboard(RealFunctions.request("little-tester"), true, "intent-refused");

        assertEquals("Offboarding.RecordsUnavailable", result.error(), result::cause);
        assertTrue(result.cause().startsWith("the record store refused PutObject on memory:" + ACCOUNT
                + "/little_tester/"), result.cause());
        assertFalse(result.path().contains("RemoveTokens"), "no round without its intent: " + result.path());
        assertEquals(List.of(), world.iam.calls().mutating(), "nothing changed in IAM");
        assertFalse(world.iam.calls().all().isEmpty(), "the inventory was taken");
        JsonNode last = world.record(RecordKeys.key(ACCOUNT, "little_tester", world.start, "intent-refused"));
        assertEquals("FAILED", last.path("outcome").asText(), "the final record says so");
        assertEquals(result.error(), last.path("error").asText());
        assertEquals(result.cause(), last.path("cause").asText());
    }

    /**
     * A run whose removal round deactivated the user's virtual MFA device and then could not delete it (IAM kept
     * failing), and whose final record could not be written either: its record stays IN_PROGRESS with the round as
     * its intent, and the device, unassigned, is no longer the user's in IAM's eyes. The next run reads that record
     * at OPEN, carries the device into its inventory as recovered, deletes it, and names the unfinished record.
     */
    @Test
    void aRunThatDiedAfterDeactivatingAVirtualMfaDeviceIsFinishedByTheNextRun() throws Exception {
        VersionedRecordStore records = new VersionedRecordStore()
                .refusing(record -> !record.path("outcome").asText().equals("IN_PROGRESS"));
        RealFunctions world = RealFunctions.scenario("little-tester", records);
        world.iam.visibilityLag(Duration.ZERO);
        // Each attempt of the round fails at the device's deletion: the first one and the five it runs again.
        world.iam.faults().serverError("DeleteVirtualMFADevice", 6);

        WorkflowResult died = world.offboard(RealFunctions.request("little-tester"), true, "run-1");

        assertEquals("Offboarding.RecordsUnavailable", died.error(), died::cause);
        assertEquals(6, world.iam.calls().count("DeleteVirtualMFADevice"), "every attempt tried to delete the device");
        assertTrue(world.iam.virtualMfaDeviceSerials().contains(DEVICE), "the device is left, deactivated");
        String unfinishedKey = RecordKeys.key(ACCOUNT, "little_tester", world.start, "run-1");
        JsonNode unfinished = world.record(unfinishedKey);
        assertEquals("IN_PROGRESS", unfinished.path("outcome").asText());
        assertEquals("RemoveTokens", unfinished.path("pending").path("step").asText());

        records.refusing(record -> false);
        Instant later = world.start.plus(Duration.ofHours(1));
        WorkflowResult finished = world.offboardStartingAt(later, RealFunctions.request("little-tester"), true, "run-2",
                RealFunctions.DEFAULT_SEED);

        assertTrue(finished.succeeded(), () -> finished.error() + ": " + finished.cause());
        JsonNode record = finished.output();
        assertEquals("DELETED", record.path("outcome").asText());
        assertEquals(unfinishedKey, record.path("recoveredFrom").path("key").asText());
        assertEquals(EXECUTIONS + "run-1", record.path("recoveredFrom").path("executionId").asText());
        assertEquals(List.of(DEVICE), RealFunctions.JSON.convertValue(record.path("recoveredFrom").path("mfaDevices"),
                List.class));
        assertFalse(world.iam.virtualMfaDeviceSerials().contains(DEVICE), "the device is deleted, not left orphaned");
        assertFalse(world.iam.userExists("little_tester"));
        assertEquals(unfinished, world.record(unfinishedKey), "the unfinished record is left as it was");
        assertEquals(record, world.record(RecordKeys.key(ACCOUNT, "little_tester", later, "run-2")));
    }

    private static JsonNode onlyEventPut(WorkflowResult result) {
        List<WorkflowEvent> puts = result.events().stream().filter(e -> "EventsPut".equals(e.type())).toList();
        assertEquals(1, puts.size(), "one event per execution: " + puts);
        JsonNode entries = puts.get(0).line().path("entries");
        assertEquals(1, entries.size());
        return entries.get(0);
    }
}
