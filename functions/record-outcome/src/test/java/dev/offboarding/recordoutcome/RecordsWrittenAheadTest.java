package dev.offboarding.recordoutcome;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.audit.Intent;
import dev.offboarding.audit.Reinstatement;
import dev.offboarding.audit.RemovalRound;
import dev.offboarding.decision.Decision;
import dev.offboarding.decision.DecisionKind;
import dev.offboarding.decision.Guard;
import dev.offboarding.decision.Inspection;
import dev.offboarding.decision.Phase;
import dev.offboarding.errors.RecordStoreUnavailableException;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.model.AccessKey;
import dev.offboarding.model.Action;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.DeletionOutcome;
import dev.offboarding.model.DenyAttachment;
import dev.offboarding.model.DenyMechanism;
import dev.offboarding.model.MfaDevice;
import dev.offboarding.model.Outcome;
import dev.offboarding.model.RemovalMode;
import dev.offboarding.model.RemovedItem;
import dev.offboarding.model.UserDetails;
import dev.offboarding.model.UserInventory;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.records.RecordLocation;
import dev.offboarding.records.RecordStore;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.Recovery;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record is written ahead: from the start of a run, before and after each round, before DeleteUser and at the
 * end, at one key per execution; and a run that finds the user's latest record unfinished carries on what it left.
 */
class RecordsWrittenAheadTest {
    private static final String ACCOUNT = "123456789012";
    private static final String FIRST_RUN = "arn:aws:states:us-east-1:" + ACCOUNT + ":execution:OffboardUser:run-1";
    private static final String SECOND_RUN = "arn:aws:states:us-east-1:" + ACCOUNT + ":execution:OffboardUser:run-2";
    private static final Instant FIRST_STARTED = Instant.parse("2026-11-20T12:00:00Z");
    private static final Instant SECOND_STARTED = Instant.parse("2026-11-21T08:30:00Z");
    private static final String FIRST_KEY = ACCOUNT + "/bob/20261120T120000Z_run-1.json";
    private static final String SECOND_KEY = ACCOUNT + "/bob/20261121T083000Z_run-2.json";
    private static final String KEY_ID = "AKIAQBOB000000000001";
    private static final String DEVICE = "arn:aws:iam::" + ACCOUNT + ":mfa/bob";
    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";
    private static final OffboardingRequest REQUEST = OffboardingRequest.forUser("bob");
    private static final RunLog NOTHING_YET = new RunLog(null, 0, 0, 0, null, null);

    private final MemoryRecordStore store = new MemoryRecordStore();

    @Test
    void theFirstRecordIsWrittenBeforeAnyIamCallAtOneKeyPerExecutionUnderTheUsersPrefix() {
        StageAnswer.Opened opened = (StageAnswer.Opened) record(store, state(Stage.OPEN, null, NOTHING_YET, null,
                FIRST_RUN, FIRST_STARTED, null));

        assertEquals(FIRST_KEY, opened.recordAt().key());
        assertEquals("memory:" + FIRST_KEY, opened.recordAt().location());
        assertNull(opened.recovery(), "no earlier record: nothing to recover");
        JsonNode record = stored(FIRST_KEY);
        assertEquals("IN_PROGRESS", record.path("outcome").asText());
        assertEquals(FIRST_RUN, record.path("executionId").asText());
        assertEquals(ACCOUNT, record.path("accountId").asText(), "the stack's own account, which the request left out");
        assertEquals("2026-11-20T12:00:00Z", record.path("startedAt").asText());
        assertTrue(record.path("pending").isNull(), "nothing is in flight yet");
    }

    @Test
    void beforeARoundTheRecordSaysWhichRoundAndEveryItemItWillActOnInOrder() {
        UserInventory bob = bob(List.of(new MfaDevice(DEVICE, FIRST_STARTED)));

        record(store, state(Stage.BEFORE_REMOVAL, remove(bob), NOTHING_YET, null, FIRST_RUN, FIRST_STARTED, null));

        JsonNode pending = stored(FIRST_KEY).path("pending");
        assertEquals("RemoveTokens", pending.path("step").asText());
        assertEquals("REMOVE", pending.path("mode").asText());
        assertEquals(bob.userName(), pending.path("inventory").path("userName").asText());
        assertEquals(List.of("ACCESS_KEY " + KEY_ID + " WOULD_DELETE", "MFA_DEVICE " + DEVICE + " WOULD_DELETE",
                "ATTACHED_POLICY " + DENY_ALL + " WOULD_DETACH"),
                items(pending.path("plan")), "the plan a dry run would answer, the deny lifted last");
    }

    @Test
    void afterTheRoundItJoinsTheRecordAndNothingIsPendingAndBeforeDeleteUserTheRecordSaysSo() {
        UserInventory bob = bob(List.of());
        DenyAttachment denied = new DenyAttachment(DenyMechanism.MANAGED_POLICY, DENY_ALL,
                FIRST_STARTED.plusSeconds(2), false, null, null);
        RunLog oneRound = new RunLog(new Rounds(new RemovalRound(RemovalMode.REMOVE, null, denied,
                List.of(new RemovedItem(BlockerKind.ACCESS_KEY, KEY_ID, Action.DELETED),
                        new RemovedItem(BlockerKind.ATTACHED_POLICY, DENY_ALL, Action.DETACHED))), null),
                0, 0, 0, null, null);

        record(store, state(Stage.AFTER_REMOVAL, remove(bob), oneRound, null, FIRST_RUN, FIRST_STARTED, null));
        JsonNode afterRound = stored(FIRST_KEY);
        record(store, state(Stage.BEFORE_DELETE, remove(bob), oneRound, null, FIRST_RUN, FIRST_STARTED, null));
        JsonNode beforeDelete = stored(FIRST_KEY);

        assertTrue(afterRound.path("pending").isNull());
        assertEquals(List.of("ACCESS_KEY " + KEY_ID + " DELETED", "ATTACHED_POLICY " + DENY_ALL + " DETACHED"),
                items(afterRound.path("removed").get(0).path("items")));
        assertEquals(Json.mapper().valueToTree(denied), afterRound.path("removed").get(0).path("deny"),
                "how and when the round denied bob every action");
        assertEquals("DeleteUser", beforeDelete.path("pending").path("step").asText());
        assertEquals("IN_PROGRESS", beforeDelete.path("outcome").asText());
    }

    @Test
    void theFinalRecordIsWrittenWhereTheRunsRecordIsAndTheEndIsAnnouncedWithItsLocation() {
        UserInventory bob = bob(List.of());
        RunState deleted = new RunState(Stage.CONCLUDE, REQUEST, bob, remove(bob), NOTHING_YET,
                new Deletion(DeletionOutcome.DELETED, FIRST_STARTED.plusSeconds(9), 0, null), null, FIRST_RUN,
                FIRST_STARTED, null);

        Conclusion conclusion = (Conclusion) record(store, deleted);

        assertFalse(conclusion.failed());
        assertEquals("DELETED", stored(FIRST_KEY).path("outcome").asText());
        assertEquals(Json.mapper().valueToTree(conclusion.record()), stored(FIRST_KEY));
        assertEquals(new RecordLocation(FIRST_KEY, "memory:" + FIRST_KEY), conclusion.recordAt());
        assertEquals(Announcement.COMPLETED, conclusion.announcement().detailType());
        assertEquals(conclusion.recordAt(), conclusion.announcement().detail().record());
        assertEquals(FIRST_RUN, conclusion.announcement().detail().execution());
    }

    @Test
    void aRefusedRunIsRecordedAndAnnouncedAsRefusedAndAFailedOneAsFailed() {
        UserInventory bob = bob(List.of());
        Inspection refused = new Inspection(bob, new Decision(DecisionKind.REFUSE, Phase.FIRST, null, false, 0,
                Guard.PRIVILEGED));
        Conclusion refusal = (Conclusion) record(store, new RunState(Stage.CONCLUDE, REQUEST, bob, refused,
                NOTHING_YET, null, null, FIRST_RUN, FIRST_STARTED, null));
        Conclusion failure = (Conclusion) record(store, new RunState(Stage.CONCLUDE, REQUEST, bob, remove(bob),
                NOTHING_YET, null, new Failure("RecordIntent",
                "dev.offboarding.errors.RecordStoreUnavailableException",
                "{\"errorMessage\":\"PutObject s3://records/x refused: AccessDenied (403)\"}"), SECOND_RUN,
                SECOND_STARTED, null));

        assertEquals(Announcement.REFUSED, refusal.announcement().detailType());
        assertEquals("Offboarding.UserPrivileged", refusal.announcement().detail().error());
        assertEquals("REFUSED", stored(FIRST_KEY).path("outcome").asText());
        assertEquals(Announcement.FAILED, failure.announcement().detailType());
        assertEquals("Offboarding.RecordsUnavailable", failure.error());
        assertEquals("FAILED", stored(SECOND_KEY).path("outcome").asText());
    }

    /**
     * The first run deactivated the device and died before deleting it: IAM no longer lists it for the user, so only
     * the record shows it was theirs. The next run for the user is told, and its own record says it carries it on.
     */
    @Test
    void aRunThatFindsTheUsersLatestRecordUnfinishedIsToldWhichVirtualMfaDevicesItLeft() {
        UserInventory bob = bob(List.of(new MfaDevice(DEVICE, FIRST_STARTED),
                new MfaDevice("GAHT12345678", FIRST_STARTED)));
        record(store, state(Stage.BEFORE_REMOVAL, remove(bob), NOTHING_YET, bob, FIRST_RUN, FIRST_STARTED, null));

        StageAnswer.Opened opened = (StageAnswer.Opened) record(store, state(Stage.OPEN, null, NOTHING_YET, null,
                SECOND_RUN, SECOND_STARTED, null));

        assertEquals(new Recovery(FIRST_KEY, FIRST_RUN, List.of(DEVICE)), opened.recovery(),
                "only the virtual device: a hardware one goes with its deactivation");
        assertEquals(FIRST_KEY, stored(SECOND_KEY).path("recoveredFrom").path("key").asText());
        assertEquals("IN_PROGRESS", stored(FIRST_KEY).path("outcome").asText(), "the first record is left as it was");
    }

    @Test
    void aFinishedLatestRecordLeavesNothingToRecoverAndAnEarlierUnfinishedOneIsNotTheLatest() {
        UserInventory bob = bob(List.of(new MfaDevice(DEVICE, FIRST_STARTED)));
        record(store, state(Stage.BEFORE_REMOVAL, remove(bob), NOTHING_YET, bob, FIRST_RUN, FIRST_STARTED, null));
        record(store, new RunState(Stage.CONCLUDE, REQUEST, bob, remove(bob), NOTHING_YET,
                new Deletion(DeletionOutcome.DELETED, SECOND_STARTED.plusSeconds(5), 0, null), null, SECOND_RUN,
                SECOND_STARTED, null));

        StageAnswer.Opened opened = (StageAnswer.Opened) record(store, state(Stage.OPEN, null, NOTHING_YET, null,
                "arn:aws:states:us-east-1:" + ACCOUNT + ":execution:OffboardUser:run-3",
                SECOND_STARTED.plusSeconds(60), null));

        assertNull(opened.recovery());
    }

    @Test
    void whatARecoveringRunCarriedOnIsCarriedOnAgainIfThatRunDiesToo() {
        record(store, state(Stage.OPEN, null, NOTHING_YET, null, SECOND_RUN, SECOND_STARTED,
                new Recovery(FIRST_KEY, FIRST_RUN, List.of(DEVICE))));

        StageAnswer.Opened third = (StageAnswer.Opened) record(store, state(Stage.OPEN, null, NOTHING_YET, null,
                "arn:aws:states:us-east-1:" + ACCOUNT + ":execution:OffboardUser:run-3",
                SECOND_STARTED.plusSeconds(60), null));

        assertEquals(new Recovery(SECOND_KEY, SECOND_RUN, List.of(DEVICE)), third.recovery());
    }

    /**
     * A quarantine's offboarding stopped by a reinstate stays IN_PROGRESS; the reinstate's record after it says it was
     * undone. The user's next offboarding has nothing to finish: the reinstate's record is not an unfinished
     * offboarding, and the one it undid is over.
     */
    @Test
    void aReinstateThatReinstatedTheUserEndedTheOffboardingBeforeItNothingIsLeftToFinish() throws Exception {
        UserInventory bob = bob(List.of(new MfaDevice(DEVICE, FIRST_STARTED)));
        record(store, state(Stage.BEFORE_REMOVAL, remove(bob), NOTHING_YET, bob, FIRST_RUN, FIRST_STARTED, null));
        reinstateRecord(Outcome.REINSTATED);

        StageAnswer.Opened opened = (StageAnswer.Opened) record(store, state(Stage.OPEN, null, NOTHING_YET, null,
                SECOND_RUN, SECOND_STARTED, null));

        assertNull(opened.recovery());
    }

    /** A reinstate that refused (or failed, or was a dry run) undid nothing: the offboarding before it is finished. */
    @Test
    void aReinstateThatDidNotReinstateIsPassedOverForTheUnfinishedOffboardingBeforeIt() throws Exception {
        UserInventory bob = bob(List.of(new MfaDevice(DEVICE, FIRST_STARTED)));
        record(store, state(Stage.BEFORE_REMOVAL, remove(bob), NOTHING_YET, bob, FIRST_RUN, FIRST_STARTED, null));
        reinstateRecord(Outcome.REFUSED);
        reinstateRecord(Outcome.IN_PROGRESS);

        StageAnswer.Opened opened = (StageAnswer.Opened) record(store, state(Stage.OPEN, null, NOTHING_YET, null,
                SECOND_RUN, SECOND_STARTED, null));

        assertEquals(new Recovery(FIRST_KEY, FIRST_RUN, List.of(DEVICE)), opened.recovery());
    }

    /** A reinstate's record between the two runs, as reinstate-user writes it. */
    private void reinstateRecord(Outcome outcome) throws Exception {
        Instant at = FIRST_STARTED.plusSeconds(3600 + store.keys("").size());
        String name = "reinstate-" + outcome.name().toLowerCase(java.util.Locale.ROOT);
        boolean refused = outcome == Outcome.REFUSED;
        AuditRecord reinstate = new AuditRecord(outcome, "bob", ACCOUNT, null, null, null, false, false, 0, null, null,
                null, List.of(), null, 0, 0, null, null, at, at, outcome == Outcome.IN_PROGRESS
                ? Intent.reinstating(at) : null, refused ? "Offboarding.UserGone" : null,
                refused ? "User bob no longer exists" : null, null, Reinstatement.of(FIRST_KEY, FIRST_RUN));
        store.put(dev.offboarding.records.RecordKeys.key(ACCOUNT, "bob", at, name),
                Json.mapper().writeValueAsBytes(reinstate));
    }

    @Test
    void aRunStartedLaterIsNotTheOneToFinishEvenIfItIsUnfinished() {
        UserInventory bob = bob(List.of(new MfaDevice(DEVICE, FIRST_STARTED)));
        record(store, state(Stage.BEFORE_REMOVAL, remove(bob), NOTHING_YET, bob, SECOND_RUN, SECOND_STARTED, null));

        StageAnswer.Opened first = (StageAnswer.Opened) record(store, state(Stage.OPEN, null, NOTHING_YET, null,
                FIRST_RUN, FIRST_STARTED, null));

        assertNull(first.recovery(), "the later run is still going, or will be finished by the one after it");
    }

    @Test
    void aStoreThatCannotBeWrittenFailsTheStageNamingWhere() {
        RecordStore refusing = new RecordStore() {
            @Override
            public void put(String key, byte[] json) {
                throw new RecordStoreUnavailableException("PutObject s3://records/" + key + " was refused:"
                        + " AccessDenied (403)");
            }

            @Override
            public Optional<byte[]> get(String key) {
                return Optional.empty();
            }

            @Override
            public List<String> keys(String prefix) {
                return List.of();
            }

            @Override
            public String describe(String key) {
                return "s3://records/" + key;
            }
        };

        RecordStoreUnavailableException e = assertThrows(RecordStoreUnavailableException.class,
                () -> record(refusing, state(Stage.BEFORE_REMOVAL, remove(bob(List.of())), NOTHING_YET, null,
                        FIRST_RUN, FIRST_STARTED, null)));

        assertTrue(e.getMessage().contains(FIRST_KEY), e.getMessage());
    }

    @Test
    void aRecordThatIsNotJsonStopsTheRunBeforeItActsRatherThanGuessWhatWasLeft() {
        store.put(FIRST_KEY, "not json".getBytes());

        RecordStoreUnavailableException e = assertThrows(RecordStoreUnavailableException.class,
                () -> record(store, state(Stage.OPEN, null, NOTHING_YET, null, SECOND_RUN, SECOND_STARTED, null)));

        assertTrue(e.getMessage().contains("is not JSON"), e.getMessage());
    }

    @Test
    void aRecordOfAUserInAnotherAccountIsKeptUnderThatAccount() {
        OffboardingRequest member = new OffboardingRequest("bob", "210987654321", null, null, null, null, null, null,
                null, null, null, null, null);

        record(store, new RunState(Stage.OPEN, member, null, null, NOTHING_YET, null, null, FIRST_RUN, FIRST_STARTED,
                null));

        assertEquals(List.of("210987654321/bob/20261120T120000Z_run-1.json"), store.keys(""));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static StageAnswer record(RecordStore store, RunState run) {
        Clock clock = Clock.fixed(run.startedAt().plusSeconds(3), ZoneOffset.UTC);
        return new RecordOutcomeHandler(store, clock).handle(run, new LocalContext("record-outcome"));
    }

    private static RunState state(Stage stage, Inspection latest, RunLog log, UserInventory first, String execution,
                                  Instant startedAt, Recovery recovery) {
        return new RunState(stage, REQUEST, first, latest, log, null, null, execution, startedAt, recovery);
    }

    private static Inspection remove(UserInventory inventory) {
        return new Inspection(inventory, new Decision(DecisionKind.REMOVE, Phase.FIRST, RemovalMode.REMOVE, false, 0,
                null));
    }

    private static UserInventory bob(List<MfaDevice> devices) {
        UserDetails details = new UserDetails("arn:aws:iam::" + ACCOUNT + ":user/bob", "AIDAQBOB", "/",
                Instant.parse("2025-03-01T09:00:00Z"), null, null, List.of());
        return new UserInventory("bob", true, details, null, List.of(new AccessKey(KEY_ID, "Active",
                Instant.parse("2025-03-04T10:20:00Z"), null)), null, null, null, devices, null, null, null, null,
                false, false, false, null, FIRST_STARTED, FIRST_RUN);
    }

    private JsonNode stored(String key) {
        Optional<byte[]> bytes = store.get(key);
        assertTrue(bytes.isPresent(), "no record at " + key + "; keys: " + store.keys(""));
        try {
            return Json.mapper().readTree(bytes.get());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> items(JsonNode items) {
        List<String> out = new java.util.ArrayList<>();
        items.forEach(item -> out.add(item.path("kind").asText() + " " + item.path("id").asText() + " "
                + item.path("action").asText()));
        return out;
    }
}
