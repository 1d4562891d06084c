package dev.offboarding.reinstateuser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import dev.offboarding.json.Json;
import dev.offboarding.model.DenyMechanism;
import dev.offboarding.model.DenyAttachment;
import static dev.offboarding.reinstateuser.QuarantinedUser.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.audit.Intent;
import dev.offboarding.audit.RemovalRound;
import dev.offboarding.decision.Phase;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.errors.NoLockOutRecordedException;
import dev.offboarding.errors.OffboardingException;
import dev.offboarding.errors.QuarantineAlreadyRemovingException;
import dev.offboarding.errors.UserGoneException;
import dev.offboarding.errors.UserRecreatedException;
import dev.offboarding.model.Outcome;
import dev.offboarding.model.RemovalMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal comes before the first change: it is recorded (REFUSED, with the workflow's Error and its Cause) and
 * IAM's call log shows no change at all. A malformed request is refused before any call, the store's included.
 */
class EveryRefusalOfAReinstateChangesNothingTest {

    /** What the records or IAM say, and how the reinstate refuses. */
    record Case(String name, Consumer<QuarantinedUser> before, Class<? extends OffboardingException> refusal,
                String error, String inTheCause) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> refusals() {
        return Stream.of(
                new Case("no offboarding record at all", QuarantinedUser::forgetRecords,
                        NoLockOutRecordedException.class, "Offboarding.NoLockOutRecorded", "no offboarding record"),
                new Case("the newest offboarding record is a dry run", user -> user.write(dryRun(user)),
                        NoLockOutRecordedException.class, "Offboarding.NoLockOutRecorded",
                        "(DRY_RUN) has no LOCK_OUT round"),
                new Case("the offboarding ran its REMOVE round", user -> user.rewrite(record -> withRounds(user,
                        record, RemovalMode.LOCK_OUT, RemovalMode.REMOVE)), QuarantineAlreadyRemovingException.class,
                        "Offboarding.AlreadyRemoving", "it has a REMOVE round"),
                new Case("the offboarding is about to remove", user -> user.rewrite(record -> pending(user, record,
                        Intent.removal(RemovalMode.REMOVE, false, Phase.AGAIN, user.inventory, List.of(),
                                Instant.parse("2026-12-04T12:00:05Z")))), QuarantineAlreadyRemovingException.class,
                        "Offboarding.AlreadyRemoving", "about to run its REMOVE round"),
                new Case("the offboarding is about to call DeleteUser", user -> user.rewrite(record -> pending(user,
                        record, Intent.deletion(Instant.parse("2026-12-04T12:01:00Z")))),
                        QuarantineAlreadyRemovingException.class, "Offboarding.AlreadyRemoving",
                        "about to call DeleteUser"),
                new Case("the user was deleted by its offboarding", user -> user.rewrite(record -> ended(user,
                        Outcome.DELETED)), QuarantineAlreadyRemovingException.class, "Offboarding.AlreadyRemoving",
                        "it ended DELETED"),
                new Case("the user is gone", QuarantinedUser::deleteInIam, UserGoneException.class,
                        "Offboarding.UserGone", "no longer exists"),
                new Case("the user was created again under the same name", user -> {
                    user.deleteInIam();
                    user.iam.createUser(r -> r.userName(USER));
                }, UserRecreatedException.class, "Offboarding.UserRecreated", "names AIDAQNIGHTOWL0000001"),
                // Records only the offboarding functions write: one written otherwise is not acted on.
                new Case("the record's deny is another policy than AWSDenyAll", user -> user.rewrite(record ->
                        withDeny(user, record, new DenyAttachment(DenyMechanism.MANAGED_POLICY,
                                "arn:aws:iam::123456789012:policy/guardrails", QuarantinedUser.LOCKED_OUT_AT, false,
                                null, null))), NoLockOutRecordedException.class, "Offboarding.NoLockOutRecorded",
                        "which is not AWSDenyAll"),
                new Case("the record's replaced boundary is not the one its inventory shows", user -> user.rewrite(
                        record -> withDeny(user, record, new DenyAttachment(DenyMechanism.PERMISSIONS_BOUNDARY,
                                "arn:aws:iam::aws:policy/AWSDenyAll", QuarantinedUser.LOCKED_OUT_AT, false,
                                "arn:aws:iam::aws:policy/AdministratorAccess", null))),
                        NoLockOutRecordedException.class, "Offboarding.NoLockOutRecorded",
                        "which its own inventory does not show"),
                new Case("the record under the user's key is of another user", user -> user.rewrite(record -> {
                    com.fasterxml.jackson.databind.node.ObjectNode tree = Json.mapper().valueToTree(record);
                    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("inventory")).put("userName", "bob");
                    return Json.mapper().convertValue(tree, AuditRecord.class);
                }), NoLockOutRecordedException.class, "Offboarding.NoLockOutRecorded", "is not of night_owl"));
    }

    private static AuditRecord withDeny(QuarantinedUser user, AuditRecord record, DenyAttachment deny) {
        RemovalRound round = record.removed().get(0);
        return user.lockOutRecord(List.of(new RemovalRound(round.mode(), round.quarantineUntil(), deny,
                round.items())));
    }

    @Test
    void anExecutionAndStartNamingTheLockOutsRecordAreRefusedAndTheRecordIsLeftAsItIs() {
        QuarantinedUser user = QuarantinedUser.lockedOut();
        byte[] before = user.records.get(user.lockOutKey).orElseThrow();

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> QuarantinedUser.invoke(
                user.handler(), "{\"userName\": \"night_owl\", \"dryRun\": false, \"execution\": \""
                        + QuarantinedUser.EXECUTION + "\", \"startedAt\": \"" + QuarantinedUser.LOCKED_OUT_AT
                        + "\"}"));

        assertTrue(e.getMessage().contains("which is not this reinstate's"), e.getMessage());
        assertEquals(List.of(), user.mutatingCalls());
        assertArrayEquals(before, user.records.get(user.lockOutKey).orElseThrow(), "the lock-out's record is kept");
        assertEquals(List.of(user.lockOutKey), user.keys());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void theRefusalIsRecordedAndNothingIsChanged(Case refused) {
        QuarantinedUser user = QuarantinedUser.lockedOut();
        refused.before().accept(user);
        user.iam.calls().clear();
        
        OffboardingException e = assertThrows(refused.refusal(), () -> user.reinstate(false));

        assertTrue(e.getMessage().contains(refused.inTheCause()), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was changed") || e.getMessage().contains("Nothing was changed"),
                e.getMessage());
        assertEquals(List.of(), user.mutatingCalls(), "no change in IAM");
        List<String> reinstates = user.reinstateKeys();
        assertEquals(1, reinstates.size(), user.keys().toString());
        JsonNode json = user.json(reinstates.get(0));
        assertEquals(List.of(), Schemas.problems("audit-record", json), json.toPrettyString());
        AuditRecord record = user.read(reinstates.get(0));
        assertEquals(Outcome.REFUSED, record.outcome());
        assertEquals(refused.error(), record.error());
        assertEquals(e.getMessage(), record.cause());
    }

    @Test
    void aRequestForAnotherAccountIsRefusedBeforeAnyCall() {
        QuarantinedUser user = QuarantinedUser.lockedOut();

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> QuarantinedUser.invoke(
                user.handler(), "{\"userName\": \"night_owl\", \"accountId\": \"210987654321\", \"dryRun\": false}"));

        assertTrue(e.getMessage().contains("accountId 210987654321 is another account than the one the stack runs in"
                + " (123456789012)"), e.getMessage());
        assertEquals(List.of(), user.iam.calls().all(), "not even a read");
        assertEquals(List.of(user.lockOutKey), user.keys(), "no record either");
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("{\"userName\": \"night_owl\", \"dryrun\": false}", "unknown field \"dryrun\""),
                Arguments.of("{\"userName\": \"night_owl\", \"dryRun\": null}", "field \"dryRun\" is null"),
                Arguments.of("{\"userName\": \"night_owl\", \"reason\": null}", "field \"reason\" is null"),
                Arguments.of("{\"userName\": \"night owl\"}", "userName contains the character U+0020"),
                Arguments.of("{\"userName\": \"night_owl\", \"dryRun\": \"false\"}", "field \"dryRun\" must be true or"
                        + " false"),
                Arguments.of("{\"userName\": \"night_owl\", \"execution\": \"hr-1234\"}", "execution must be a Step"
                        + " Functions execution ARN"),
                Arguments.of("{\"userName\": \"night..owl\"}", "cannot name a record"),
                Arguments.of("{\"userName\": \"night_owl\", \"execution\": \"arn:aws:states:us-east-1:"
                        + "123456789012:execution:ReinstateUser:a..b\", \"startedAt\": \"2026-12-01T00:00:00Z\"}",
                        "execution must end in a name"),
                Arguments.of("{\"userName\": \"night_owl\", \"execution\": \"arn:aws:states:us-east-1:"
                        + "123456789012:execution:ReinstateUser:r1\", \"startedAt\": \"+99999-01-01T00:00:00Z\"}",
                        "startedAt must be a time from 2000 to 9999"),
                Arguments.of("[]", "must be a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void aMalformedRequestIsRefusedNamingTheFieldBeforeAnyCall(String request, String named) {
        QuarantinedUser user = QuarantinedUser.lockedOut();

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> QuarantinedUser.invoke(user.handler(), request));

        assertTrue(e.getMessage().contains(named), e.getMessage());
        assertEquals(List.of(), user.iam.calls().all());
        assertEquals(List.of(user.lockOutKey), user.keys());
    }

    // ---- the records as the offboarding left them ---------------------------------------------------------------

    private static AuditRecord dryRun(QuarantinedUser user) {
        AuditRecord locked = user.lockOut();
        return new AuditRecord(Outcome.DRY_RUN, USER, locked.accountId(), null, null, null, false, false, 14,
                user.inventory, List.of(), null, List.of(), null, 0, 0, null, locked.executionId(), locked.startedAt(),
                locked.updatedAt(), null, null, null, null, null);
    }

    private static AuditRecord withRounds(QuarantinedUser user, AuditRecord record, RemovalMode... modes) {
        RemovalRound lockOut = record.removed().get(0);
        List<RemovalRound> rounds = new ArrayList<>();
        for (RemovalMode mode : modes) {
            rounds.add(mode == RemovalMode.LOCK_OUT ? lockOut : new RemovalRound(mode, null, lockOut.deny(), List.of()));
        }
        return user.lockOutRecord(rounds);
    }

    private static AuditRecord pending(QuarantinedUser user, AuditRecord record, Intent intent) {
        AuditRecord r = user.lockOutRecord(record.removed());
        return new AuditRecord(r.outcome(), r.userName(), r.accountId(), r.reason(), r.requestedBy(), r.trigger(),
                r.force(), r.allowPrivileged(), r.quarantineDays(), r.inventory(), r.plan(), r.wouldRefuse(),
                r.removed(), r.interruptedRemovals(), r.deleteUserAttempts(), r.sweeps(), r.deletedAt(),
                r.executionId(), r.startedAt(), r.updatedAt(), intent, null, null, null, null);
    }

    private static AuditRecord ended(QuarantinedUser user, Outcome outcome) {
        AuditRecord r = user.lockOut();
        return new AuditRecord(outcome, r.userName(), r.accountId(), r.reason(), r.requestedBy(), r.trigger(),
                r.force(), r.allowPrivileged(), r.quarantineDays(), r.inventory(), r.plan(), r.wouldRefuse(),
                r.removed(), r.interruptedRemovals(), 1, r.sweeps(), Instant.parse("2026-12-04T12:01:02Z"),
                r.executionId(), r.startedAt(), r.updatedAt(), null, null, null, null, null);
    }
}
