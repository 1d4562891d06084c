package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.records.RecordStore;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.Session;
import dev.offboarding.simulator.SessionDecision;
import dev.offboarding.simulator.Sessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * A quarantine undone: the real offboard-user definition locks night_owl out (AWSDenyAll attached, every credential
 * deactivated, the console password kept) and its execution stops while it waits out the quarantine (its engine is
 * killed, as when it is stopped); then the real reinstate-user definition, on the same engine, with the real
 * functions over the same IAM simulator and record store, turns back on what was Active before the lock-out and
 * lifts the deny. Each refusal changes nothing in IAM. On one logical clock, as every workflow test here.
 */
class ReinstatingAQuarantinedUserTest {
    private static final String USER = "night_owl";
    private static final String ACTIVE_KEY = "AKIAQNIGHTOWL0000001";
    private static final String CERTIFICATE = "CERTNIGHTOWL000000000000000001";
    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";

    /** The quarantine scenario, with one more access key, Inactive before anything happens. */
    private record Quarantine(RealWorkflow world, String inactiveKey, StoppedWhileItWaits records) {
        static Quarantine of() {
            StoppedWhileItWaits records = new StoppedWhileItWaits();
            RealWorkflow world = RealWorkflow.scenario("quarantine", records);
            String key = world.iam.createAccessKey(r -> r.userName(USER)).accessKey().accessKeyId();
            world.iam.updateAccessKey(r -> r.userName(USER).accessKeyId(key).status(StatusType.INACTIVE));
            return new Quarantine(world, key, records);
        }

        /** The offboarding with its quarantine, stopped once its LOCK_OUT round is recorded: it waits no more. */
        void lockedOutAndStopped() {
            records.stopNextQuarantine();
            LocalEngineException stopped = assertThrows(LocalEngineException.class,
                    () -> world.offboard("quarantine"), "the execution was to stop while it waited");
            assertTrue(stopped.getMessage().startsWith("the local engine stopped without a result"),
                    stopped.getMessage());
            JsonNode record = world.record(world.recordKeys().get(0));
            assertEquals("IN_PROGRESS", record.path("outcome").asText(), record.toString());
            assertEquals("LOCK_OUT", record.path("removed").get(0).path("mode").asText());
            assertEquals("Inactive", status(ACTIVE_KEY), "locked out");
            assertEquals(List.of(DENY_ALL), attachedPolicies());
            assertTrue(world.iam.userExists(USER));
        }

        WorkflowResult reinstate() throws IOException, InterruptedException {
            world.iam.calls().clear();
            ObjectNode input = Json.mapper().createObjectNode().put("userName", USER).put("dryRun", false)
                    .put("reason", "Stays after all").put("requestedBy", "hr-system");
            return world.reinstate(input, "undo-night_owl");
        }

        String status(String accessKeyId) {
            return world.iam.listAccessKeys(r -> r.userName(USER)).accessKeyMetadata().stream()
                    .filter(k -> k.accessKeyId().equals(accessKeyId)).findFirst().orElseThrow().statusAsString();
        }

        String certificateStatus() {
            return world.iam.listSigningCertificates(r -> r.userName(USER)).certificates().get(0).statusAsString();
        }

        List<String> attachedPolicies() {
            return world.iam.listAttachedUserPolicies(r -> r.userName(USER)).attachedPolicies().stream()
                    .map(p -> p.policyArn()).toList();
        }

        List<Call> changes() {
            return world.iam.calls().mutating();
        }

        /** Deletes the user in IAM, with everything that blocks DeleteUser. */
        void deleteUser() {
            world.iam.listAccessKeys(r -> r.userName(USER)).accessKeyMetadata().forEach(k ->
                    world.iam.deleteAccessKey(r -> r.userName(USER).accessKeyId(k.accessKeyId())));
            world.iam.listSigningCertificates(r -> r.userName(USER)).certificates().forEach(c ->
                    world.iam.deleteSigningCertificate(r -> r.userName(USER).certificateId(c.certificateId())));
            world.iam.listUserPolicies(r -> r.userName(USER)).policyNames().forEach(name ->
                    world.iam.deleteUserPolicy(r -> r.userName(USER).policyName(name)));
            attachedPolicies().forEach(arn -> world.iam.detachUserPolicy(r -> r.userName(USER).policyArn(arn)));
            world.iam.deleteLoginProfile(r -> r.userName(USER));
            world.iam.deleteUser(r -> r.userName(USER));
        }

        /** The reinstate's record, the newest of the user's. */
        JsonNode reinstateRecord() {
            List<String> keys = world.recordKeys();
            JsonNode record = world.record(keys.get(keys.size() - 1));
            assertTrue(record.path("reinstatement").isObject(), "a reinstate's record: " + record);
            return record;
        }
    }

    @Test
    void whatWasActiveBeforeTheLockOutIsActiveAgainTheDenyIsLiftedAndThePasswordWorksAgain() throws Exception {
        Quarantine quarantine = Quarantine.of();
        Session laptop = quarantine.world.iam.sessions().issue(USER, Sessions.LONGEST_DURATION);
        assertEquals(SessionDecision.ALLOWED, quarantine.world.iam.sessions().decide(laptop, "s3:GetObject"));
        quarantine.lockedOutAndStopped();
        assertEquals(SessionDecision.EXPLICIT_DENY, quarantine.world.iam.sessions().decide(laptop, "s3:GetObject"),
                "the live session has no permission while the user is quarantined");

        WorkflowResult result = quarantine.reinstate();

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals(SessionDecision.ALLOWED, quarantine.world.iam.sessions().decide(laptop, "s3:GetObject"),
                "reinstated, the session the user had works again");
        assertEquals(List.of("IsARequest", "WithTheExecution", "ReinstateUser", "Reinstated"), result.path());
        JsonNode output = result.output();
        assertEquals("REINSTATED", output.path("outcome").asText(), output.toPrettyString());
        assertEquals("Active", quarantine.status(ACTIVE_KEY));
        assertEquals("Inactive", quarantine.status(quarantine.inactiveKey()), "Inactive before the lock-out: stays so");
        assertEquals("Active", quarantine.certificateStatus());
        assertEquals(List.of(), quarantine.attachedPolicies(), "the deny is gone");
        assertTrue(quarantine.world.iam.getLoginProfile(r -> r.userName(USER)).loginProfile() != null);
        JsonNode reinstatement = output.path("reinstatement");
        assertEquals("KEPT", reinstatement.path("consolePassword").asText(), "the password works again");
        assertEquals("DETACHED", reinstatement.path("deny").path("result").asText());
        assertEquals("NOT_CHECKED", reinstatement.path("quarantineExecution").path("result").asText(),
                "a local run has no Step Functions execution to stop, and says so");
        assertEquals(RealWorkflow.EXECUTION_PREFIX + "quarantine",
                reinstatement.path("quarantineExecution").path("executionArn").asText());
        assertEquals(List.of("UpdateAccessKey", "UpdateSigningCertificate", "DetachUserPolicy"),
                quarantine.changes().stream().map(Call::operation).toList(), "the deny lifted last");

        JsonNode record = quarantine.reinstateRecord();
        assertEquals(output.path("record").path("key").asText(), quarantine.world.recordKeys().get(1));
        assertEquals("REINSTATED", record.path("outcome").asText());
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:ReinstateUser:undo-night_owl",
                record.path("executionId").asText());
        assertEquals(quarantine.world.recordKeys().get(0), record.path("reinstatement").path("lockOutRecord").asText());

        // The user's next offboarding does not take the reinstated one for an unfinished run.
        WorkflowResult next = quarantine.world.offboard(Json.mapper().createObjectNode().put("userName", USER)
                .put("dryRun", true), "later");
        assertTrue(next.succeeded(), () -> next.error() + ": " + next.cause());
        assertTrue(next.output().path("recoveredFrom").isNull(), next.output().path("recoveredFrom").toString());
    }

    @Test
    void aUserDeletedMeanwhileIsRefusedAsGoneAndNothingIsChanged() throws Exception {
        Quarantine quarantine = Quarantine.of();
        quarantine.lockedOutAndStopped();
        quarantine.deleteUser();

        WorkflowResult result = quarantine.reinstate();

        refused(quarantine, result, "UserGone", "no longer exists");
    }

    @Test
    void aUserCreatedAgainUnderTheSameNameIsRefusedAsRecreatedAndNothingIsChanged() throws Exception {
        Quarantine quarantine = Quarantine.of();
        quarantine.lockedOutAndStopped();
        quarantine.deleteUser();
        quarantine.world.iam.createUser(r -> r.userName(USER));

        WorkflowResult result = quarantine.reinstate();

        refused(quarantine, result, "UserRecreated", "was deleted and created again since its lock-out");
    }

    @Test
    void aUserOnlyEverDryRunIsRefusedAsNoLockOutRecordedAndNothingIsChanged() throws Exception {
        Quarantine quarantine = Quarantine.of();
        WorkflowResult dryRun = quarantine.world.offboard(Json.mapper().createObjectNode().put("userName", USER)
                .put("quarantineDays", 14).put("dryRun", true), "dry-run");
        assertTrue(dryRun.succeeded(), () -> dryRun.error() + ": " + dryRun.cause());

        WorkflowResult result = quarantine.reinstate();

        refused(quarantine, result, "NoLockOutRecorded", "(DRY_RUN) has no LOCK_OUT round");
    }

    @Test
    void aQuarantineAlreadyRemovingIsRefusedAndNothingIsTurnedBackOn() throws Exception {
        Quarantine quarantine = Quarantine.of();
        // Past its quarantine, the offboarding dies in its removal, right after deleting the inline policy.
        quarantine.world.iam.faults().crashAfter(call -> call.operation().equals("DeleteUserPolicy"),
                EngineProcess::kill);
        assertThrows(LocalEngineException.class, () -> quarantine.world.offboard("quarantine"));
        quarantine.world.iam.faults().restart();

        WorkflowResult result = quarantine.reinstate();

        refused(quarantine, result, "AlreadyRemoving", "it was about to run its REMOVE round");
        // The removal's deletions run side by side: which keys it deleted before it died varies; none is Active.
        assertTrue(quarantine.world.iam.listAccessKeys(r -> r.userName(USER)).accessKeyMetadata().stream()
                .allMatch(key -> key.status() == StatusType.INACTIVE), "no key is turned back on");
        assertEquals(List.of(DENY_ALL), quarantine.attachedPolicies(), "and the user stays denied every action");
    }

    private static void refused(Quarantine quarantine, WorkflowResult result, String error, String cause) {
        assertFalse(result.succeeded(), "refused");
        assertEquals("Offboarding." + error, result.error());
        assertTrue(result.cause().contains(cause), result.cause());
        assertEquals(List.of("IsARequest", "WithTheExecution", "ReinstateUser", "Explain" + error, error),
                result.path());
        assertEquals(List.of(), quarantine.changes(), "nothing was changed in IAM");
        JsonNode record = quarantine.reinstateRecord();
        assertEquals("REFUSED", record.path("outcome").asText());
        assertEquals("Offboarding." + error, record.path("error").asText());
        assertEquals(result.cause(), record.path("cause").asText());
    }

    /**
     * The record store, in memory, that stops the offboarding's execution (ends its engine) when it is told to and a
     * record says the quarantine has begun: the LOCK_OUT round done, nothing pending. Then the execution waits no more,
     * as one stopped in WaitForQuarantine.
     */
    static final class StoppedWhileItWaits implements RecordStore {
        private final MemoryRecordStore kept = new MemoryRecordStore();
        private final AtomicBoolean armed = new AtomicBoolean();

        void stopNextQuarantine() {
            armed.set(true);
        }

        @Override
        public void put(String key, byte[] json) {
            kept.put(key, json);
            if (armed.get() && quarantineBegun(json) && armed.compareAndSet(true, false)) {
                EngineProcess.kill();
            }
        }

        private static boolean quarantineBegun(byte[] json) {
            try {
                JsonNode record = Json.mapper().readTree(json);
                JsonNode removed = record.path("removed");
                return "IN_PROGRESS".equals(record.path("outcome").asText()) && record.path("pending").isNull()
                        && removed.size() == 1 && "LOCK_OUT".equals(removed.get(0).path("mode").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Optional<byte[]> get(String key) {
            return kept.get(key);
        }

        @Override
        public List<String> keys(String prefix) {
            return kept.keys(prefix);
        }

        @Override
        public String describe(String key) {
            return kept.describe(key);
        }
    }
}
