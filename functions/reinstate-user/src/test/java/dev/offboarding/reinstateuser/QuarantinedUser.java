package dev.offboarding.reinstateuser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.audit.RemovalRound;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.model.Action;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.DenyAll;
import dev.offboarding.model.DenyAttachment;
import dev.offboarding.model.DenyMechanism;
import dev.offboarding.model.Outcome;
import dev.offboarding.model.RemovalMode;
import dev.offboarding.model.RemovedItem;
import dev.offboarding.model.UserInventory;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import dev.offboarding.testing.ListedInventories;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A user locked out by an offboarding with a 14-day quarantine, in the IAM simulator, and the offboarding's record as
 * the workflow leaves it while it waits (IN_PROGRESS, its LOCK_OUT round in {@code removed}, nothing pending): the
 * lock-out attached AWSDenyAll and deactivated every credential, one access key of which was already Inactive. The
 * console password is kept. The simulator's call log starts empty after the lock-out.
 */
final class QuarantinedUser {
    static final String ACCOUNT = "123456789012";
    static final String USER = "night_owl";
    static final String USER_ID = "AIDAQNIGHTOWL0000001";
    static final String ACTIVE_KEY = "AKIAQNIGHTOWL0000001";
    static final String INACTIVE_KEY = "AKIAQNIGHTOWL0000002";
    static final String CERTIFICATE = "CERTNIGHTOWL000000000000000001";
    static final String SSH_KEY = "APKAQNIGHTOWL0000001";
    static final String SERVICE_CREDENTIAL = "ACCAQNIGHTOWL0000001";
    static final String EXECUTION_NAME = "hr-1234";
    static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:OffboardUser:" + EXECUTION_NAME;
    static final Instant LOCKED_OUT_AT = Instant.parse("2026-11-20T12:00:00Z");
    static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";

    private static final String WORLD = """
            {"accountId": "123456789012", "now": "2026-11-20T12:00:00Z",
             "users": [{"userName": "night_owl", "userId": "AIDAQNIGHTOWL0000001", "path": "/",
               "createDate": "2024-09-01T09:00:00Z",
               "loginProfile": {"createDate": "2024-09-01T09:05:00Z"},
               "accessKeys": [
                 {"accessKeyId": "AKIAQNIGHTOWL0000001", "status": "Active", "createDate": "2024-09-01T09:10:00Z"},
                 {"accessKeyId": "AKIAQNIGHTOWL0000002", "status": "Inactive", "createDate": "2025-01-01T09:10:00Z"}],
               "signingCertificates": [{"certificateId": "CERTNIGHTOWL000000000000000001", "status": "Active",
                 "uploadDate": "2024-09-02T10:00:00Z"}],
               "sshPublicKeys": [{"sshPublicKeyId": "APKAQNIGHTOWL0000001", "status": "Active",
                 "uploadDate": "2024-09-03T10:00:00Z"}],
               "serviceSpecificCredentials": [{"serviceSpecificCredentialId": "ACCAQNIGHTOWL0000001",
                 "serviceName": "codecommit.amazonaws.com", "serviceUserName": "night_owl-at-123456789012",
                 "status": "Active", "createDate": "2024-09-04T10:00:00Z"}]}]}
            """;

    final MutableClock clock = new MutableClock(LOCKED_OUT_AT);
    final IamSimulator iam;
    MemoryRecordStore records = new MemoryRecordStore();
    final String lockOutKey = RecordKeys.key(ACCOUNT, USER, LOCKED_OUT_AT, EXECUTION_NAME);
    final UserInventory inventory;

    private QuarantinedUser() {
        try {
            iam = IamSimulator.fromWorld(Json.mapper().readTree(WORLD), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IamGateway gateway = new IamGateway(iam);
        inventory = ListedInventories.of(gateway, USER, LOCKED_OUT_AT, List.of(BlockerKind.values()));
    }

    /** Locked out as remove-tokens' LOCK_OUT does it, its record written; then a day of the quarantine passes. */
    static QuarantinedUser lockedOut() {
        QuarantinedUser user = new QuarantinedUser();
        IamGateway gateway = new IamGateway(user.iam);
        gateway.attachPolicy(USER, DENY_ALL);
        List<RemovedItem> items = new ArrayList<>();
        gateway.deactivateAccessKey(USER, ACTIVE_KEY);
        items.add(new RemovedItem(BlockerKind.ACCESS_KEY, ACTIVE_KEY, Action.DEACTIVATED));
        gateway.deactivateAccessKey(USER, INACTIVE_KEY);
        items.add(new RemovedItem(BlockerKind.ACCESS_KEY, INACTIVE_KEY, Action.DEACTIVATED));
        gateway.deactivateSigningCertificate(USER, CERTIFICATE);
        items.add(new RemovedItem(BlockerKind.SIGNING_CERTIFICATE, CERTIFICATE, Action.DEACTIVATED));
        gateway.deactivateSshPublicKey(USER, SSH_KEY);
        items.add(new RemovedItem(BlockerKind.SSH_PUBLIC_KEY, SSH_KEY, Action.DEACTIVATED));
        gateway.deactivateServiceSpecificCredential(USER, SERVICE_CREDENTIAL);
        items.add(new RemovedItem(BlockerKind.SERVICE_SPECIFIC_CREDENTIAL, SERVICE_CREDENTIAL, Action.DEACTIVATED));
        DenyAttachment deny = new DenyAttachment(DenyMechanism.MANAGED_POLICY, DENY_ALL, LOCKED_OUT_AT, false, null,
                null);
        user.write(user.lockOutRecord(List.of(new RemovalRound(RemovalMode.LOCK_OUT,
                LOCKED_OUT_AT.plus(Duration.ofDays(14)), deny, items))));
        user.iam.calls().clear();
        user.clock.set(LOCKED_OUT_AT.plus(Duration.ofDays(1)));
        return user;
    }

    /** The offboarding's record as the workflow writes it while the quarantine runs, with these rounds. */
    AuditRecord lockOutRecord(List<RemovalRound> rounds) {
        return new AuditRecord(Outcome.IN_PROGRESS, USER, ACCOUNT, "Moved to another company", "hr-system", null,
                false, false, 14, inventory, null, null, rounds, null, 0, 0, null, EXECUTION, LOCKED_OUT_AT,
                LOCKED_OUT_AT, null, null, null, null, null);
    }

    AuditRecord lockOut() {
        return read(lockOutKey);
    }

    /** Rewrites the lock-out's record: what the offboarding wrote next. */
    void rewrite(UnaryOperator<AuditRecord> change) {
        write(change.apply(lockOut()));
    }

    void write(AuditRecord record) {
        try {
            records.put(lockOutKey, Json.mapper().writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AuditRecord read(String key) {
        try {
            return Json.mapper().readValue(records.get(key).orElseThrow(() -> new AssertionError("no record " + key)),
                    AuditRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode json(String key) {
        try {
            return Json.mapper().readTree(records.get(key).orElseThrow(() -> new AssertionError("no record " + key)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The user's record keys, oldest first. */
    List<String> keys() {
        return records.keys(RecordKeys.userPrefix(ACCOUNT, USER));
    }

    /** The keys of the reinstates' records. */
    List<String> reinstateKeys() {
        return keys().stream().filter(key -> !key.equals(lockOutKey)).toList();
    }

    /** A reinstate over this IAM and these records that stops nothing (a local run). */
    ReinstateUserHandler handler() {
        return new ReinstateUserHandler(new IamGateway(iam), records, ACCOUNT, clock);
    }

    ReinstateUserHandler handler(OffboardingExecutions executions) {
        return new ReinstateUserHandler(new IamGateway(iam), records, executions, ACCOUNT, clock);
    }

    /** The handler's answer to {@code json}, through the same entry point Lambda uses. */
    static JsonNode invoke(ReinstateUserHandler handler, String json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out,
                new LocalContext("reinstate-user"));
        return Json.mapper().readTree(out.toByteArray());
    }

    ReinstateUserResult reinstate(boolean dryRun) {
        return handler().handle(ReinstateUserRequest.forUser(USER, dryRun), new LocalContext("reinstate-user"));
    }

    /** The records are lost (or were never kept): the store is empty. */
    void forgetRecords() {
        records = new MemoryRecordStore();
    }

    /** The user is deleted in IAM, everything that blocks DeleteUser removed first. */
    void deleteInIam() {
        iam.deleteAccessKey(r -> r.userName(USER).accessKeyId(ACTIVE_KEY));
        iam.deleteAccessKey(r -> r.userName(USER).accessKeyId(INACTIVE_KEY));
        iam.deleteSigningCertificate(r -> r.userName(USER).certificateId(CERTIFICATE));
        iam.deleteSSHPublicKey(r -> r.userName(USER).sshPublicKeyId(SSH_KEY));
        iam.deleteServiceSpecificCredential(r -> r.userName(USER).serviceSpecificCredentialId(SERVICE_CREDENTIAL));
        iam.deleteLoginProfile(r -> r.userName(USER));
        iam.detachUserPolicy(r -> r.userName(USER).policyArn(DENY_ALL));
        iam.deleteUser(r -> r.userName(USER));
    }

    List<Call> mutatingCalls() {
        return iam.calls().mutating();
    }

    String status(BlockerKind kind, String id) {
        return kind.statusIn(ListedInventories.of(new IamGateway(iam), USER, clock.instant(),
                List.of(kind)), id).orElseThrow();
    }

    List<String> attachedPolicies() {
        return new IamGateway(iam).attachedPolicies(USER).stream().map(p -> p.policyArn()).toList();
    }
}
