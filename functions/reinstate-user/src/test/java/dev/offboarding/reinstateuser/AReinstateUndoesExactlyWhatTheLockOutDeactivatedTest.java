package dev.offboarding.reinstateuser;

import static dev.offboarding.reinstateuser.QuarantinedUser.ACTIVE_KEY;
import static dev.offboarding.reinstateuser.QuarantinedUser.CERTIFICATE;
import static dev.offboarding.reinstateuser.QuarantinedUser.DENY_ALL;
import static dev.offboarding.reinstateuser.QuarantinedUser.INACTIVE_KEY;
import static dev.offboarding.reinstateuser.QuarantinedUser.SERVICE_CREDENTIAL;
import static dev.offboarding.reinstateuser.QuarantinedUser.SSH_KEY;
import static dev.offboarding.reinstateuser.QuarantinedUser.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.audit.ConsolePassword;
import dev.offboarding.audit.DenyLift;
import dev.offboarding.audit.QuarantineStop;
import dev.offboarding.audit.ReactivatedItem;
import dev.offboarding.audit.RemovalRound;
import dev.offboarding.audit.Unrecoverable;
import dev.offboarding.model.Action;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.DenyAttachment;
import dev.offboarding.model.DenyMechanism;
import dev.offboarding.model.Outcome;
import dev.offboarding.model.RemovedItem;
import dev.offboarding.records.RecordStore;
import dev.offboarding.simulator.Call;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A reinstate of a quarantined user turns back on what its lock-out deactivated and was Active before it, leaves
 * Inactive what was Inactive, and lifts the deny of every action last; its record says so, and what cannot come back.
 */
class AReinstateUndoesExactlyWhatTheLockOutDeactivatedTest {

    @Test
    void theCredentialsActiveBeforeTheLockOutAreActiveAgainAndTheDenyIsDetachedLast() throws IOException {
        QuarantinedUser user = QuarantinedUser.lockedOut();

        JsonNode answer = QuarantinedUser.invoke(user.handler(), "{\"userName\": \"night_owl\", \"dryRun\": false,"
                + " \"reason\": \"Stays after all\", \"requestedBy\": \"hr-system\"}");

        assertEquals(List.of(), Schemas.problems("reinstate-user.output", answer), answer.toPrettyString());
        assertEquals("REINSTATED", answer.path("outcome").asText());
        assertEquals(List.of("UpdateAccessKey " + USER + "/" + ACTIVE_KEY,
                "UpdateSigningCertificate " + USER + "/" + CERTIFICATE,
                "UpdateSSHPublicKey " + USER + "/" + SSH_KEY,
                "UpdateServiceSpecificCredential " + USER + "/" + SERVICE_CREDENTIAL,
                "DetachUserPolicy " + USER + "/" + DENY_ALL), changes(user.mutatingCalls()),
                "exactly the credentials that were Active, then the deny, last");
        assertEquals("Active", user.status(BlockerKind.ACCESS_KEY, ACTIVE_KEY));
        assertEquals("Inactive", user.status(BlockerKind.ACCESS_KEY, INACTIVE_KEY), "Inactive before: stays so");
        assertEquals("Active", user.status(BlockerKind.SIGNING_CERTIFICATE, CERTIFICATE));
        assertEquals("Active", user.status(BlockerKind.SSH_PUBLIC_KEY, SSH_KEY));
        assertEquals("Active", user.status(BlockerKind.SERVICE_SPECIFIC_CREDENTIAL, SERVICE_CREDENTIAL));
        assertEquals(List.of(), user.attachedPolicies(), "AWSDenyAll is detached");

        List<String> reinstates = user.reinstateKeys();
        assertEquals(1, reinstates.size(), user.keys().toString());
        AuditRecord record = user.read(reinstates.get(0));
        assertEquals(List.of(), Schemas.problems("audit-record", user.json(reinstates.get(0))));
        assertEquals(Outcome.REINSTATED, record.outcome());
        assertEquals("Stays after all", record.reason());
        assertEquals(null, record.pending());
        assertEquals(user.lockOutKey, record.reinstatement().lockOutRecord());
        assertEquals(QuarantinedUser.EXECUTION, record.reinstatement().lockOutExecution());
        assertEquals(new QuarantineStop(QuarantinedUser.EXECUTION, null, QuarantineStop.Result.NOT_CHECKED),
                record.reinstatement().quarantineExecution(), "a local run stops nothing, and says so");
        assertEquals(List.of(
                new ReactivatedItem(BlockerKind.ACCESS_KEY, ACTIVE_KEY, ReactivatedItem.Result.ACTIVATED),
                new ReactivatedItem(BlockerKind.ACCESS_KEY, INACTIVE_KEY, ReactivatedItem.Result.LEFT_INACTIVE),
                new ReactivatedItem(BlockerKind.SIGNING_CERTIFICATE, CERTIFICATE, ReactivatedItem.Result.ACTIVATED),
                new ReactivatedItem(BlockerKind.SSH_PUBLIC_KEY, SSH_KEY, ReactivatedItem.Result.ACTIVATED),
                new ReactivatedItem(BlockerKind.SERVICE_SPECIFIC_CREDENTIAL, SERVICE_CREDENTIAL,
                        ReactivatedItem.Result.ACTIVATED)), record.reinstatement().reactivated());
        assertEquals(new DenyLift(DenyMechanism.MANAGED_POLICY, DENY_ALL, null, DenyLift.Result.DETACHED),
                record.reinstatement().deny());
        assertEquals(ConsolePassword.KEPT, record.reinstatement().consolePassword(),
                "the lock-out kept the password: it works again");
        assertEquals(List.of(), record.reinstatement().cannotComeBack());
        assertEquals(Outcome.IN_PROGRESS, user.lockOut().outcome(), "the offboarding's record is left as it was");
    }

    @Test
    void theRecordIsWrittenAheadOfTheFirstChangeWithThePlan() throws IOException {
        QuarantinedUser user = QuarantinedUser.lockedOut();
        List<String> writes = new ArrayList<>();
        RecordStore watching = new RecordStore() {
            @Override
            public void put(String key, byte[] json) {
                if (!key.equals(user.lockOutKey)) {
                    writes.add(user.mutatingCalls().size() + " " + new String(json));
                }
                user.records.put(key, json);
            }

            @Override
            public Optional<byte[]> get(String key) {
                return user.records.get(key);
            }

            @Override
            public List<String> keys(String prefix) {
                return user.records.keys(prefix);
            }

            @Override
            public String describe(String key) {
                return user.records.describe(key);
            }
        };
        ReinstateUserHandler handler = new ReinstateUserHandler(new dev.offboarding.iam.IamGateway(user.iam),
                watching, QuarantinedUser.ACCOUNT, user.clock);

        QuarantinedUser.invoke(handler, "{\"userName\": \"night_owl\", \"dryRun\": false}");

        assertEquals(2, writes.size(), writes.toString());
        JsonNode ahead = dev.offboarding.json.Json.mapper().readTree(writes.get(0).substring(2));
        assertTrue(writes.get(0).startsWith("0 "), "written before any change in IAM");
        assertEquals(List.of(), Schemas.problems("audit-record", ahead));
        assertEquals("IN_PROGRESS", ahead.path("outcome").asText());
        assertEquals("ReinstateUser", ahead.path("pending").path("step").asText());
        assertEquals("WOULD_ACTIVATE", ahead.path("reinstatement").path("reactivated").get(0).path("result").asText());
        assertEquals("WOULD_DETACH", ahead.path("reinstatement").path("deny").path("result").asText());
        assertTrue(writes.get(1).startsWith("5 "), "the final record, after the five changes");
    }

    @Test
    void aCredentialDeletedSinceTheLockOutIsReportedNotRestoredWithHowToGiveTheUserANewOne() {
        QuarantinedUser user = QuarantinedUser.lockedOut();
        user.iam.deleteAccessKey(r -> r.userName(USER).accessKeyId(ACTIVE_KEY));
        user.iam.calls().clear();

        ReinstateUserResult result = user.reinstate(false);

        assertEquals(Outcome.REINSTATED, result.outcome());
        assertEquals(new ReactivatedItem(BlockerKind.ACCESS_KEY, ACTIVE_KEY, ReactivatedItem.Result.GONE),
                result.reinstatement().reactivated().get(0));
        Unrecoverable lost = result.reinstatement().cannotComeBack().get(0);
        assertEquals(BlockerKind.ACCESS_KEY, lost.kind());
        assertEquals(ACTIVE_KEY, lost.id());
        assertTrue(lost.restore().startsWith("aws iam create-access-key --user-name night_owl"), lost.restore());
        assertEquals("Active", user.status(BlockerKind.SIGNING_CERTIFICATE, CERTIFICATE), "the others still are");
        assertEquals(List.of(), user.attachedPolicies());
    }

    @Test
    void aConsolePasswordTheLockOutOfAnEarlierVersionDeletedCannotComeBackAndTheRecordSaysHowToSetANewOne() {
        QuarantinedUser user = QuarantinedUser.lockedOut();
        user.rewrite(record -> {
            RemovalRound round = record.removed().get(0);
            List<RemovedItem> items = new ArrayList<>(round.items());
            items.add(new RemovedItem(BlockerKind.LOGIN_PROFILE, USER, Action.DELETED));
            return user.lockOutRecord(List.of(new RemovalRound(round.mode(), round.quarantineUntil(), null, items)));
        });
        user.iam.deleteLoginProfile(r -> r.userName(USER));

        ReinstateUserResult result = user.reinstate(false);

        assertEquals(ConsolePassword.DELETED, result.reinstatement().consolePassword());
        Unrecoverable password = result.reinstatement().cannotComeBack().get(0);
        assertEquals(BlockerKind.LOGIN_PROFILE, password.kind());
        assertTrue(password.restore().startsWith("aws iam create-login-profile --user-name night_owl"
                + " --password-reset-required"), password.restore());
        assertEquals(null, result.reinstatement().deny(), "that version attached no deny: nothing to lift");
        assertTrue(changes(user.mutatingCalls()).stream().noneMatch(c -> c.startsWith("DetachUserPolicy")));
    }

    @Test
    void aDenyThatWasInPlaceBeforeTheLockOutIsLeftAsItWas() {
        QuarantinedUser user = QuarantinedUser.lockedOut();
        user.rewrite(record -> {
            RemovalRound round = record.removed().get(0);
            return user.lockOutRecord(List.of(new RemovalRound(round.mode(), round.quarantineUntil(),
                    new DenyAttachment(DenyMechanism.MANAGED_POLICY, DENY_ALL, QuarantinedUser.LOCKED_OUT_AT, true,
                            null, null), round.items())));
        });

        ReinstateUserResult result = user.reinstate(false);

        assertEquals(DenyLift.Result.KEPT, result.reinstatement().deny().result());
        assertEquals(List.of(DENY_ALL), user.attachedPolicies());
        assertTrue(changes(user.mutatingCalls()).stream().noneMatch(c -> c.startsWith("DetachUserPolicy")));
    }

    static List<String> changes(List<Call> calls) {
        return calls.stream().map(c -> c.operation() + " " + c.target()).toList();
    }
}
