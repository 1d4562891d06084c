package dev.offboarding.recordoutcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.audit.RemovalRound;
import dev.offboarding.decision.Decision;
import dev.offboarding.decision.DecisionKind;
import dev.offboarding.decision.Guard;
import dev.offboarding.decision.Inspection;
import dev.offboarding.decision.Phase;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.model.AccessKey;
import dev.offboarding.model.Action;
import dev.offboarding.model.Activity;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.DeletionOutcome;
import dev.offboarding.model.DenyAttachment;
import dev.offboarding.model.DenyMechanism;
import dev.offboarding.model.LoginProfile;
import dev.offboarding.model.Outcome;
import dev.offboarding.model.RemovalMode;
import dev.offboarding.model.RemovedItem;
import dev.offboarding.model.Tag;
import dev.offboarding.model.UserDetails;
import dev.offboarding.model.UserInventory;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.Trigger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import dev.offboarding.records.MemoryRecordStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an execution ends, from the workflow's final state: the audit record, or the error and its Cause. */
class RecordOutcomeHandlerTest {
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:OffboardUser:run-1";
    private static final Instant TAKEN = Instant.parse("2026-11-20T12:00:00Z");
    private static final Instant DELETED_AT = Instant.parse("2026-11-20T12:00:09Z");
    private static final String KEY = "AKIAQBOB000000000001";
    private static final Instant STARTED = Instant.parse("2026-11-20T11:59:30Z");
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:10Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final OffboardingRequest REQUEST = new OffboardingRequest("bob", "123456789012", false, false, 0,
            "Left the company", "hr-sync", false,
            new Trigger("e-1", "hr.system", Instant.parse("2026-11-20T11:59:00Z")), null, null, null, null);
    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";
    /** The removal after a quarantine: it confirms the lock-out's deny first and lifts it last. */
    private static final RemovalRound REMOVAL = new RemovalRound(RemovalMode.REMOVE, null,
            new DenyAttachment(DenyMechanism.MANAGED_POLICY, DENY_ALL, Instant.parse("2026-11-27T12:00:01Z"), true,
                    null, null),
            List.of(new RemovedItem(BlockerKind.ACCESS_KEY, KEY, Action.DELETED),
                    new RemovedItem(BlockerKind.LOGIN_PROFILE, "bob", Action.DELETED),
                    new RemovedItem(BlockerKind.ATTACHED_POLICY, DENY_ALL, Action.DETACHED)));
    private static final RemovalRound LOCK_OUT = new RemovalRound(RemovalMode.LOCK_OUT,
            Instant.parse("2026-11-27T12:00:00Z"), new DenyAttachment(DenyMechanism.MANAGED_POLICY, DENY_ALL,
            Instant.parse("2026-11-20T12:00:01Z"), false, null, null),
            List.of(new RemovedItem(BlockerKind.ACCESS_KEY, KEY, Action.DEACTIVATED)));
    private static final String LOCK_OUT_JSON = "{\"mode\":\"LOCK_OUT\",\"quarantineUntil\":\"2026-11-27T12:00:00Z\","
            + "\"deny\":{\"how\":\"MANAGED_POLICY\",\"policy\":\"" + DENY_ALL + "\",\"attachedAt\":"
            + "\"2026-11-20T12:00:01Z\",\"alreadyInPlace\":false},"
            + "\"items\":[{\"kind\":\"ACCESS_KEY\",\"id\":\"" + KEY + "\",\"action\":\"DEACTIVATED\"}]}";
    /** What a dry run plans to attach first. */
    private static final DenyAttachment PLANNED_DENY = new DenyAttachment(DenyMechanism.MANAGED_POLICY, DENY_ALL,
            null, false, null, null);

    // ---- outcomes with an audit record ---------------------------------------------------------------------------

    @Test
    void aUserDeletedAfterAQuarantineAndASweepIsRecordedWithEveryRoundInOrderAndEveryDeleteUserCall() {
        UserInventory first = user(false, false, List.of());
        RunState run = concluding(REQUEST, first, inspection(first, Phase.AGAIN, DecisionKind.REMOVE, null),
                new RunLog(new Rounds(REMOVAL, new Rounds(LOCK_OUT, null)), 1, 51, 0, null, null),
                new Deletion(DeletionOutcome.DELETED, DELETED_AT, 2, null), null, EXECUTION);

        AuditRecord record = succeeded(run);

        assertEquals(new AuditRecord(Outcome.DELETED, "bob", "123456789012", "Left the company", "hr-sync",
                REQUEST.trigger(), false, false, 0, first, null, null, List.of(LOCK_OUT, REMOVAL), null,
                51 + 2 + 1, 1, DELETED_AT, EXECUTION, STARTED, NOW, null, null, null, null, null), record);
    }

    @Test
    void aUserSomeoneElseDeletedAfterTheRemovalIsAlreadyAbsentWithDeleteUsersAnswerTime() {
        UserInventory first = user(false, false, List.of());
        RunState run = concluding(REQUEST, first, inspection(first, Phase.FIRST, DecisionKind.REMOVE, null),
                new RunLog(new Rounds(REMOVAL, null), 0, 0, 0, null, null),
                new Deletion(DeletionOutcome.ALREADY_ABSENT, DELETED_AT, 0, null), null, EXECUTION);

        AuditRecord record = succeeded(run);

        assertEquals(Outcome.ALREADY_ABSENT, record.outcome());
        assertEquals(1, record.deleteUserAttempts());
        assertEquals(DELETED_AT, record.deletedAt());
        assertEquals(List.of(REMOVAL), record.removed());
    }

    @Test
    void aUserThatDoesNotExistIsAlreadyAbsentWithNothingDone() {
        UserInventory absent = UserInventory.absent("bob", TAKEN);
        RunState run = concluding(REQUEST, absent, inspection(absent, Phase.FIRST, DecisionKind.ABSENT, null),
                emptyLog(), null, null, EXECUTION);

        AuditRecord record = succeeded(run);

        assertEquals(new AuditRecord(Outcome.ALREADY_ABSENT, "bob", "123456789012", "Left the company", "hr-sync",
                REQUEST.trigger(), false, false, 0, absent, null, null, List.of(), null, 0, 0, null, EXECUTION, STARTED, NOW, null, null, null, null, null),
                record);
    }

    @Test
    void aUserGoneDuringTheQuarantineKeepsTheLockOutInTheRecord() {
        UserInventory first = user(false, false, List.of());
        UserInventory gone = UserInventory.absent("bob", TAKEN.plusSeconds(7 * 86400));
        RunState run = concluding(REQUEST, first, inspection(gone, Phase.AGAIN, DecisionKind.ABSENT, null),
                new RunLog(new Rounds(LOCK_OUT, null), 0, 0, 0, null, null), null, null, EXECUTION);

        AuditRecord record = succeeded(run);

        assertEquals(Outcome.ALREADY_ABSENT, record.outcome());
        assertEquals(first, record.inventory(), "the record describes the user as first found");
        assertEquals(List.of(LOCK_OUT), record.removed());
        assertNull(record.deletedAt());
    }

    /**
     * IAM refused AWSDenyAll as a managed policy (bob's quota was full), so it became bob's permissions boundary in
     * place of the one he had: the record keeps that boundary, which a reinstate puts back, and why it was replaced.
     */
    @Test
    void aLockOutBehindTheBoundaryKeepsTheBoundaryItReplacedAndWhyInTheRecord() throws Exception {
        String refusal = "iam:AttachUserPolicy on bob/" + DENY_ALL + " failed (IAM said LimitExceeded: Cannot exceed"
                + " quota for PoliciesPerUser: 10)";
        RemovalRound behindTheBoundary = new RemovalRound(RemovalMode.LOCK_OUT, Instant.parse("2026-11-27T12:00:00Z"),
                new DenyAttachment(DenyMechanism.PERMISSIONS_BOUNDARY, DENY_ALL, Instant.parse("2026-11-20T12:00:01Z"),
                        false, "arn:aws:iam::123456789012:policy/developer-boundary", List.of(refusal)),
                List.of(new RemovedItem(BlockerKind.ACCESS_KEY, KEY, Action.DEACTIVATED)));
        UserInventory first = user(false, false, List.of());
        UserInventory gone = UserInventory.absent("bob", TAKEN.plusSeconds(7 * 86400));
        RunState run = concluding(REQUEST, first, inspection(gone, Phase.AGAIN, DecisionKind.ABSENT, null),
                new RunLog(new Rounds(behindTheBoundary, null), 0, 0, 0, null, null), null, null, EXECUTION);

        JsonNode deny = answer(run).path("record").path("removed").get(0).path("deny");

        assertEquals(Json.mapper().readTree("{\"how\":\"PERMISSIONS_BOUNDARY\",\"policy\":\"" + DENY_ALL + "\","
                + "\"attachedAt\":\"2026-11-20T12:00:01Z\",\"alreadyInPlace\":false,\"replacedBoundary\":"
                + "\"arn:aws:iam::123456789012:policy/developer-boundary\",\"refusals\":[\"" + refusal + "\"]}"), deny);
    }

    @Test
    void aDryRunRecordsThePlanAndTheGuardThatWouldRefuseWithTheCauseARealRunWouldGive() {
        UserInventory first = user(true, false, List.of());
        OffboardingRequest dryRun = new OffboardingRequest("bob", null, true, false, 0, null, null, false, null, null,
                null, null, null);
        RemovalRound plan = new RemovalRound(RemovalMode.REMOVE, null, PLANNED_DENY,
                List.of(new RemovedItem(BlockerKind.ACCESS_KEY, KEY, Action.WOULD_DELETE),
                        new RemovedItem(BlockerKind.ATTACHED_POLICY, DENY_ALL, Action.WOULD_DETACH)));
        RunState run = concluding(dryRun, first, new Inspection(first, new Decision(DecisionKind.DRY_RUN,
                Phase.FIRST, RemovalMode.REMOVE, true, 0, Guard.PROTECTED)),
                new RunLog(new Rounds(plan, null), 0, 0, 0, null, null), null, null, EXECUTION);

        AuditRecord record = succeeded(run);

        assertEquals(Outcome.DRY_RUN, record.outcome());
        assertEquals(plan.items(), record.plan());
        assertEquals(List.of(), record.removed(), "a dry run removes nothing");
        assertEquals("Offboarding.UserProtected", record.wouldRefuse().error());
        assertEquals(refusalOf(run.latest().inventory(), Guard.PROTECTED), record.wouldRefuse().cause());
        assertEquals(first.user().tags(), record.wouldRefuse().tags());
        assertNull(record.wouldRefuse().privilegeReasons());
        assertEquals(0, record.deleteUserAttempts());
    }

    @Test
    void aDryRunThatWouldRefuseWritesOnlyTheFactBehindItsGuard() throws Exception {
        UserInventory first = user(false, true, List.of());
        RunState run = concluding(REQUEST, first, new Inspection(first, new Decision(DecisionKind.DRY_RUN,
                Phase.FIRST, RemovalMode.REMOVE, true, 0, Guard.RECENTLY_ACTIVE)),
                new RunLog(new Rounds(new RemovalRound(RemovalMode.REMOVE, null, PLANNED_DENY, List.of()), null), 0, 0,
                        0, null, null), null, null, EXECUTION);

        JsonNode wouldRefuse = answer(run).path("record").path("wouldRefuse");

        assertEquals(List.of("error", "cause", "lastActivity"), fieldNames(wouldRefuse));
    }

    // ---- refusals ------------------------------------------------------------------------------------------------

    @Test
    void aProtectedUserIsRefusedNamingItsTagsAndHowToProceed() {
        Conclusion conclusion = refusedAt(Phase.FIRST, Guard.PROTECTED, user(true, false, List.of()), null);

        assertEquals("Offboarding.UserProtected", conclusion.error());
        assertEquals("Refusing to delete user bob: it is tagged as protected (its tags: [{\"key\":\"Protected\","
                + "\"value\":\"true\"}]). Nothing was changed. If it really must go, have its owner remove the"
                + " protection tag, then run the offboarding again.", conclusion.cause());
        assertEquals(Outcome.REFUSED, conclusion.record().outcome());
        assertEquals(conclusion.error(), conclusion.record().error());
        assertEquals(conclusion.cause(), conclusion.record().cause());
    }

    @Test
    void aPrivilegedUserIsRefusedNamingWhyAndThatOnlyAPersonMayAllowIt() {
        Conclusion conclusion = refusedAt(Phase.FIRST, Guard.PRIVILEGED,
                user(false, false, List.of("AdministratorAccess attached")), null);

        assertEquals("Offboarding.UserPrivileged", conclusion.error());
        assertEquals("Refusing to delete user bob: it can administer the account ([\"AdministratorAccess attached\"])."
                + " Nothing was changed. If it really must go, start the offboarding from the console or the offboard"
                + " command with \"allowPrivileged\": true (an event can never set it).", conclusion.cause());
    }

    @Test
    void aUserWhoseAccessKeyWasUsedRecentlyIsRefusedNamingTheKeyWhenAndWhere() {
        Conclusion conclusion = refusedAt(Phase.FIRST, Guard.RECENTLY_ACTIVE, user(false, true, List.of()), null);

        assertEquals("Offboarding.UserRecentlyActive", conclusion.error());
        assertEquals("Refusing to delete user bob: it was active recently. Its access key " + KEY + " was last used at"
                + " 2026-11-19T08:00:00Z (service \"s3\", region \"eu-west-1\"). Nothing was changed. To delete it"
                + " anyway, run again with \"force\": true; to lock it out now and delete it after a quiet period, run"
                + " again with \"quarantineDays\" set to that many days (1 to 90).", conclusion.cause());
    }

    @Test
    void aUserWhoSignedInRecentlyIsRefusedNamingWhen() {
        UserInventory signedIn = withLastActivity(user(false, false, List.of()),
                new Activity(Instant.parse("2026-11-19T07:00:00Z"), BlockerKind.LOGIN_PROFILE, "bob", null, null));

        Conclusion conclusion = refusedAt(Phase.FIRST, Guard.RECENTLY_ACTIVE, signedIn, null);

        assertTrue(conclusion.cause().startsWith("Refusing to delete user bob: it was active recently. Its console"
                + " password was last used to sign in at 2026-11-19T07:00:00Z. Nothing was changed."),
                conclusion.cause());
    }

    @Test
    void aUserProtectedDuringTheQuarantineIsRefusedNamingWhatThisExecutionAlreadyDid() {
        Conclusion conclusion = refusedAt(Phase.AGAIN, Guard.PROTECTED, user(true, false, List.of()),
                new Rounds(LOCK_OUT, null));

        assertEquals("Offboarding.UserProtected", conclusion.error());
        assertEquals("User bob was tagged as protected while it was being offboarded (its tags: [{\"key\":"
                + "\"Protected\",\"value\":\"true\"}]), so it was not deleted. Already done by this execution, which"
                + " its owner may want undone: [" + LOCK_OUT_JSON + "]. To finish the offboarding, remove the"
                + " protection tag and run it again.", conclusion.cause());
    }

    @Test
    void aUserMadePrivilegedDuringTheOffboardingIsRefusedNamingWhatWasDone() {
        Conclusion conclusion = refusedAt(Phase.AGAIN, Guard.PRIVILEGED, user(false, false, List.of("iam:*")),
                new Rounds(LOCK_OUT, null));

        assertEquals("User bob was given the rights to administer the account while it was being offboarded"
                + " ([\"iam:*\"]), so it was not deleted. Already done by this execution, which its owner may want"
                + " undone: [" + LOCK_OUT_JSON + "]. To finish the offboarding, start it again with \"allowPrivileged\":"
                + " true from the console or the offboard command.", conclusion.cause());
    }

    @Test
    void aDeleteConflictThatOutlastsEverySweepNamesWhatRemainsIamsLastAnswerAndWhatWasDone() {
        UserInventory remaining = user(false, false, List.of());
        RunState run = concluding(REQUEST, remaining,
                inspection(remaining, Phase.LAST, DecisionKind.GIVE_UP, null),
                new RunLog(new Rounds(LOCK_OUT, null), 3, 204, 0, null,
                        "Cannot delete entity, must delete access keys first."), null, null, EXECUTION);

        Conclusion conclusion = conclude(run);

        assertEquals("Offboarding.DeleteConflictPersists", conclusion.error());
        assertEquals("User bob still cannot be deleted: DeleteUser kept answering DeleteConflict through 3 sweeps. A"
                + " fresh inventory lists 2 blocker(s): console password [{\"createDate\":\"2025-03-04T10:15:00Z\","
                + "\"passwordResetRequired\":false}]; access keys [{\"accessKeyId\":\"" + KEY + "\",\"status\":"
                + "\"Active\",\"createDate\":\"2025-03-04T10:20:00Z\",\"lastUsed\":null}]; signing certificates [];"
                + " SSH public keys []; service-specific credentials []; MFA devices []; inline policies [];"
                + " attached managed policies []; group memberships []. Last answer: Cannot delete entity, must delete access keys"
                + " first. Remove what is listed (or what IAM names) by hand, or stop whatever keeps re-creating it,"
                + " then run the offboarding again. Already done by this execution: [" + LOCK_OUT_JSON + "]",
                conclusion.cause());
    }

    // ---- failed steps --------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {1} at {0} -> {2}")
    @CsvSource({
        "ListTokens,      IamAccessDeniedException,         Offboarding.AccessDenied",
        "DeleteUser,      IamRequestFailedException,        Offboarding.IamRequestFailed",
        "RemoveTokens,    InvalidConfigurationException,    Offboarding.Misconfigured",
        "RemoveTokens,    IamRetryableException,            Offboarding.IamUnavailable",
        "CheckRoleUsable, RoleNotUsableByDeadlineException, Offboarding.MemberRoleNotUsable",
        "CheckRoleUsable, RoleNotYetUsableException,        Offboarding.MemberRoleNotUsable",
        "RemoveTokens,    InvalidRequestException,          Offboarding.RemovalRefused",
        "RemoveTokens,    ItemNotTheUsersException,         Offboarding.RemovalRefused",
        "RemoveTokens,    DenyNotAttachedException,         Offboarding.DenyNotAttached",
    })
    void aFunctionErrorIsNamedAsTheErrorsTableSaysAndItsCauseSaysWhatWasDoneBefore(String step, String exception,
                                                                                   String error) {
        Conclusion conclusion = failedWith(new Failure(step, "dev.offboarding.errors." + exception,
                lambdaError("IAM said no.", exception)), new Rounds(LOCK_OUT, null), null);

        assertTrue(conclusion.failed());
        assertEquals(error, conclusion.error());
        assertEquals("IAM said no. Before this step this execution had removed or deactivated (nothing if empty): ["
                + LOCK_OUT_JSON + "]. Removal attempts interrupted midway, newest first, each ending with what it had"
                + " done (null if none): null", conclusion.cause());
    }

    @Test
    void anInvalidRequestFoundByAReadingStepIsRefusedWithItsOwnMessageAlone() {
        Conclusion conclusion = failedWith(new Failure("ListTokens", "dev.offboarding.errors.InvalidRequestException",
                lambdaError("userName is empty", "InvalidRequestException")), null, null);

        assertEquals("Offboarding.InvalidRequest", conclusion.error());
        assertEquals("userName is empty", conclusion.cause());
    }

    @Test
    void theRemovalAttemptsIamInterruptedAreListedNewestFirstByTheirMessagesWithoutStackTraces() throws Exception {
        JsonNode interrupted = Json.mapper().readTree("{\"step\":\"RemoveTokens\",\"mode\":\"REMOVE\",\"error\":"
                + "\"dev.offboarding.errors.IamRetryableException\",\"cause\":{\"errorMessage\":\"Throttled again."
                + " Done: [key]\",\"errorType\":\"dev.offboarding.errors.IamRetryableException\",\"stackTrace\":"
                + "[\"dev.offboarding.removetokens.Remover.remove(Remover.java:42)\"]},\"before\":{\"step\":"
                + "\"RemoveTokens\",\"mode\":\"LOCK_OUT\",\"error\":\"dev.offboarding.errors.IamRetryableException\","
                + "\"cause\":{\"errorMessage\":\"Throttled. Done: []\",\"errorType\":"
                + "\"dev.offboarding.errors.IamRetryableException\",\"stackTrace\":[\"java.lang.Thread.run(Thread.java:1)\"]},"
                + "\"before\":null}}");

        Conclusion conclusion = failedWith(new Failure("RemoveTokens", "dev.offboarding.errors.IamRetryableException",
                lambdaError("Throttled a third time. Done: []", "IamRetryableException")), null, interrupted);

        assertEquals("Offboarding.IamUnavailable", conclusion.error());
        assertTrue(conclusion.cause().endsWith("(null if none): [\"REMOVE: Throttled again. Done: [key]\","
                + "\"LOCK_OUT: Throttled. Done: []\"]"), conclusion.cause());
        assertFalse(conclusion.cause().contains("Remover.java"), "the record keeps the stack traces, not the cause");
    }

    @Test
    void anInvalidRequestAfterSomethingWasChangedStillSaysWhatWasDone() {
        Conclusion conclusion = failedWith(new Failure("ListTokens", "dev.offboarding.errors.InvalidRequestException",
                lambdaError("userName is empty", "InvalidRequestException")), new Rounds(LOCK_OUT, null), null);

        assertEquals("Offboarding.InvalidRequest", conclusion.error());
        assertTrue(conclusion.cause().startsWith("userName is empty Before this step this execution had removed or"
                + " deactivated (nothing if empty): [" + LOCK_OUT_JSON + "]"), conclusion.cause());
    }

    @Test
    void anInvalidRequestFromDeleteUserIsADefectKeptUnderItsOwnNameWithWhatWasDone() {
        Conclusion conclusion = failedWith(new Failure("DeleteUser", "dev.offboarding.errors.InvalidRequestException",
                lambdaError("attempt must be from 0", "InvalidRequestException")), new Rounds(REMOVAL, null), null);

        assertEquals("dev.offboarding.errors.InvalidRequestException", conclusion.error());
        assertTrue(conclusion.cause().contains("Before this step this execution had removed or deactivated"),
                conclusion.cause());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"States.Timeout", "Sandbox.Timedout", "Lambda.Unknown"})
    void aStepThatStoppedBeforeItFinishedIsStepTimedOutAndSaysToRunAgain(String error) {
        Conclusion conclusion = failedWith(new Failure("RemoveTokens", error, "Task timed out after 900 seconds"),
                null, null);

        assertEquals("Offboarding.StepTimedOut", conclusion.error());
        assertTrue(conclusion.cause().startsWith("A step stopped before it finished (" + error + ": Task timed out"
                + " after 900 seconds). What it did before it stopped is in its log lines for this execution; run the"
                + " offboarding again to finish it (every removal is idempotent). Before this step"),
                conclusion.cause());
    }

    @Test
    void anyOtherFailureKeepsItsOwnNameAndCause() {
        Conclusion conclusion = failedWith(new Failure("DeleteUser", "States.Runtime", "JSONPath $.x not found"),
                null, null);

        assertEquals("States.Runtime", conclusion.error());
        assertTrue(conclusion.cause().startsWith("JSONPath $.x not found Before this step"), conclusion.cause());
    }

    // ---- what it refuses -----------------------------------------------------------------------------------------

    @Test
    void aRunThatIsNotAtOneOfItsEndsIsRefused() {
        UserInventory first = user(false, false, List.of());
        RunState lockedOut = concluding(REQUEST, first, new Inspection(first, new Decision(
                DecisionKind.LOCK_OUT, Phase.FIRST, RemovalMode.LOCK_OUT, false, 7, null)), emptyLog(), null, null,
                EXECUTION);
        RunState removedNotDeleted = concluding(REQUEST, first,
                inspection(first, Phase.FIRST, DecisionKind.REMOVE, null), emptyLog(), null, null, EXECUTION);

        assertThrows(InvalidRequestException.class, () -> conclude(lockedOut));
        assertThrows(InvalidRequestException.class, () -> conclude(removedNotDeleted));
    }

    @Test
    void anUnknownFieldOrAMissingRequestIsRefusedNamingIt() {
        InvalidRequestException unknown = assertThrows(InvalidRequestException.class, () -> invoke(
                "{\"request\": {\"userName\": \"bob\"}, \"log\": " + LOG + ", \"execution\": \"" + EXECUTION
                        + "\", \"outcome\": \"DELETED\"}"));
        InvalidRequestException missing = assertThrows(InvalidRequestException.class, () -> invoke(
                "{\"log\": " + LOG + ", \"execution\": \"" + EXECUTION + "\"}"));

        assertTrue(unknown.getMessage().contains("outcome"), unknown.getMessage());
        assertTrue(missing.getMessage().contains("request is required"), missing.getMessage());
    }

    private static final String LOG = "{\"rounds\": null, \"sweeps\": 0, \"deleteUserCalls\": 0, \"interruptions\": 0,"
            + " \"interrupted\": null, \"lastConflict\": null}";

    /** Each would make a false record (an ALREADY_ABSENT with a deletion time, a DELETED without one, a round of no mode). */
    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "\"deletion\": {\"at\": \"2026-11-20T12:00:04Z\", \"attempt\": 0}|deletion.outcome is required",
        "\"deletion\": {\"outcome\": \"DELETED\", \"attempt\": 0}|deletion.at is required",
        "\"failure\": {\"step\": \"DeleteUser\", \"cause\": \"x\"}|failure.error is required",
        "\"log\": {\"rounds\": {\"round\": {\"items\": []}, \"before\": null}, \"sweeps\": 0, \"deleteUserCalls\": 0,"
                + " \"interruptions\": 0}|log.rounds.round.mode is required",
        "\"log\": {\"rounds\": {\"round\": {\"mode\": \"REMOVE\"}, \"before\": {\"before\": null}}, \"sweeps\": 0,"
                + " \"deleteUserCalls\": 0, \"interruptions\": 0}|log.rounds.before.round is required"})
    void aStateThatWouldMakeAFalseRecordIsRefusedNamingTheField(String part, String expected) {
        String payload = "{\"stage\": \"CONCLUDE\", \"startedAt\": \"2026-11-20T11:59:30Z\", \"request\": {\"userName\":"
                + " \"bob\"}, \"execution\": \"" + EXECUTION + "\", "
                + (part.startsWith("\"log\"") ? part : part + ", \"log\": " + LOG) + "}";

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> invoke(payload));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void theWorkflowsStateIsReadFromJsonWithItsNullSlots() throws Exception {
        JsonNode answer = invoke("{\"stage\": \"CONCLUDE\", \"startedAt\": \"2026-11-20T11:59:30Z\","
                + " \"recovery\": null, \"request\": {\"userName\": \"bob\"}, \"inventory\": {\"userName\": \"bob\","
                + " \"exists\": false}, \"latest\": {\"inventory\": {\"userName\": \"bob\", \"exists\": false},"
                + " \"decision\": {\"kind\": \"ABSENT\", \"phase\": \"FIRST\", \"mode\": null, \"dryRun\": false,"
                + " \"quarantineDays\": 0, \"refusedBy\": null}}, \"log\": {\"rounds\": null, \"sweeps\": 0,"
                + " \"deleteUserCalls\": 0, \"interruptions\": 0, \"interrupted\": null, \"lastConflict\": null},"
                + " \"deletion\": null, \"failure\": null, \"execution\": \"" + EXECUTION + "\"}");

        assertFalse(answer.path("failed").asBoolean(true));
        assertEquals("ALREADY_ABSENT", answer.path("record").path("outcome").asText());
        assertTrue(answer.path("record").path("removed").isArray());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static Conclusion refusedAt(Phase phase, Guard guard, UserInventory inventory, Rounds done) {
        RunState run = concluding(REQUEST, inventory, inspection(inventory, phase, DecisionKind.REFUSE, guard),
                new RunLog(done, 0, 0, 0, null, null), null, null, EXECUTION);
        Conclusion conclusion = conclude(run);
        assertTrue(conclusion.failed());
        return conclusion;
    }

    private static Conclusion failedWith(Failure failure, Rounds done, JsonNode interrupted) {
        UserInventory first = user(false, false, List.of());
        return conclude(concluding(REQUEST, first, inspection(first, Phase.FIRST, DecisionKind.REMOVE, null),
                new RunLog(done, 0, 0, 1, interrupted, null), null, failure, EXECUTION));
    }

    private static String refusalOf(UserInventory inventory, Guard guard) {
        return refusedAt(Phase.FIRST, guard, inventory, null).cause();
    }

    private static AuditRecord succeeded(RunState run) {
        Conclusion conclusion = conclude(run);
        assertFalse(conclusion.failed(), conclusion::cause);
        assertNull(conclusion.error());
        return conclusion.record();
    }

    private static Conclusion conclude(RunState run) {
        return (Conclusion) new RecordOutcomeHandler(new MemoryRecordStore(), CLOCK).handle(run,
                new LocalContext("record-outcome"));
    }

    /** The workflow's state at its end, as RecordOutcome passes it. */
    private static RunState concluding(OffboardingRequest request, UserInventory inventory, Inspection latest,
                                       RunLog log, Deletion deletion, Failure failure, String execution) {
        return new RunState(Stage.CONCLUDE, request, inventory, latest, log, deletion, failure, execution, STARTED,
                null);
    }

    private static JsonNode answer(RunState run) throws Exception {
        return invoke(Json.mapper().writeValueAsString(run));
    }

    private static JsonNode invoke(String payload) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RecordOutcomeHandler(new MemoryRecordStore(), CLOCK).handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)),
                out, new LocalContext("record-outcome"));
        return Json.mapper().readTree(out.toByteArray());
    }

    private static Inspection inspection(UserInventory inventory, Phase phase, DecisionKind kind, Guard guard) {
        return new Inspection(inventory, new Decision(kind, phase, kind == DecisionKind.REMOVE ? RemovalMode.REMOVE
                : null, false, 0, guard));
    }

    private static RunLog emptyLog() {
        return new RunLog(null, 0, 0, 0, null, null);
    }

    private static String lambdaError(String message, String exception) {
        return "{\"errorMessage\":\"" + message + "\",\"errorType\":\"dev.offboarding.errors." + exception + "\"}";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static UserInventory user(boolean protectedUser, boolean recentlyActive, List<String> privilegeReasons) {
        List<Tag> tags = protectedUser ? List.of(new Tag("Protected", "true")) : List.of();
        UserDetails details = new UserDetails("arn:aws:iam::123456789012:user/bob", "AIDAQBOB", "/",
                Instant.parse("2025-03-01T09:00:00Z"), null, null, tags);
        Activity last = new Activity(Instant.parse("2026-11-19T08:00:00Z"), BlockerKind.ACCESS_KEY, KEY, "s3",
                "eu-west-1");
        return new UserInventory("bob", true, details, new LoginProfile(Instant.parse("2025-03-04T10:15:00Z"), false),
                List.of(new AccessKey(KEY, "Active", Instant.parse("2025-03-04T10:20:00Z"), null)), null, null, null,
                null, null, null, null, last, protectedUser, recentlyActive, !privilegeReasons.isEmpty(),
                privilegeReasons, TAKEN, EXECUTION);
    }

    private static UserInventory withLastActivity(UserInventory u, Activity last) {
        return new UserInventory(u.userName(), u.exists(), u.user(), u.loginProfile(), u.accessKeys(),
                u.signingCertificates(), u.sshPublicKeys(), u.serviceSpecificCredentials(), u.mfaDevices(),
                u.inlinePolicies(), u.attachedPolicies(), u.groups(), last, u.protectedUser(), true, u.privileged(),
                u.privilegeReasons(), u.takenAt(), u.execution());
    }
}
