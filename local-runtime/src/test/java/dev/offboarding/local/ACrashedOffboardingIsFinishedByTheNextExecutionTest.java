package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.RemovalMode;
import dev.offboarding.model.UserInventory;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.simulator.Call;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An offboarding whose process dies right after one of its changes has taken effect in IAM (the change is made, the
 * engine is killed, and nothing of that execution happens after it: no further IAM call, no further record), then a
 * second, new execution for the same user over the same IAM and the same record store. The second one finishes the
 * job: the user is deleted and no virtual MFA device is left orphaned, even one the first run deactivated (so that IAM
 * no longer lists it for the user) and died before deleting. The records say so: the first stays IN_PROGRESS with
 * {@code pending} naming what it was doing, the second ends DELETED with {@code recoveredFrom} naming the first, and
 * between them they account for every item the user had. The real definition runs on the local engine with the real
 * functions, on one logical clock.
 */
class ACrashedOffboardingIsFinishedByTheNextExecutionTest {
    private static final String EXECUTION = RealWorkflow.EXECUTION_PREFIX;
    private static final String VIRTUAL_MFA = "arn:aws:iam::123456789012:mfa/every_blocker-phone";
    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";
    private static final Set<String> DONE = Set.of("DELETED", "DEACTIVATED", "DETACHED", "REMOVED", "ALREADY_ABSENT");

    /** A change an offboarding makes: its IAM call, and the item it acts on ({@code kind} null: DeleteUser). */
    record CrashPoint(String operation, BlockerKind kind, String id) {
        static CrashPoint deleteUser() {
            return new CrashPoint("DeleteUser", null, null);
        }

        boolean isDeleteUser() {
            return kind == null;
        }

        boolean matches(Call call) {
            return call.operation().equals(operation)
                    && (id == null || call.target().equals(id) || call.target().endsWith("/" + id));
        }

        String item() {
            return kind + " " + id;
        }

        @Override
        public String toString() {
            return isDeleteUser() ? operation : operation + " " + id;
        }
    }

    /**
     * One change of each kind every_blocker's offboarding makes (the deny of every action attached first and lifted
     * last among them), both halves of a change made in two calls (an
     * access key deactivated by the lock-out, then deleted; the virtual MFA device deactivated, then deleted), and
     * DeleteUser. {@link #theCrashPointsCoverEveryChangeACompleteOffboardingMakes} keeps the list complete.
     */
    static Stream<CrashPoint> everyBlockersChanges() {
        return Stream.of(
                new CrashPoint("AttachUserPolicy", BlockerKind.ATTACHED_POLICY, DENY_ALL),
                new CrashPoint("UpdateAccessKey", BlockerKind.ACCESS_KEY, "AKIAQEVERYBLOCKER001"),
                new CrashPoint("DeleteLoginProfile", BlockerKind.LOGIN_PROFILE, "every_blocker"),
                new CrashPoint("DeleteAccessKey", BlockerKind.ACCESS_KEY, "AKIAQEVERYBLOCKER001"),
                new CrashPoint("DeleteSigningCertificate", BlockerKind.SIGNING_CERTIFICATE,
                        "CERTEVERYBLOCKER0000000000000001"),
                new CrashPoint("DeleteSSHPublicKey", BlockerKind.SSH_PUBLIC_KEY, "APKAQEVERYBLOCKER001"),
                new CrashPoint("DeleteServiceSpecificCredential", BlockerKind.SERVICE_SPECIFIC_CREDENTIAL,
                        "ACCAQEVERYBLOCKER003"),
                new CrashPoint("DeactivateMFADevice", BlockerKind.MFA_DEVICE, "GAHT12345678"),
                new CrashPoint("DeactivateMFADevice", BlockerKind.MFA_DEVICE, VIRTUAL_MFA),
                new CrashPoint("DeleteVirtualMFADevice", BlockerKind.MFA_DEVICE, VIRTUAL_MFA),
                new CrashPoint("DeleteUserPolicy", BlockerKind.INLINE_POLICY, "deny-without-tls"),
                new CrashPoint("DetachUserPolicy", BlockerKind.ATTACHED_POLICY, "arn:aws:iam::aws:policy/ReadOnlyAccess"),
                new CrashPoint("RemoveUserFromGroup", BlockerKind.GROUP_MEMBERSHIP, "developers"),
                new CrashPoint("DetachUserPolicy", BlockerKind.ATTACHED_POLICY, DENY_ALL),
                CrashPoint.deleteUser());
    }

    @ParameterizedTest(name = "killed after {0}")
    @MethodSource("everyBlockersChanges")
    void aRunKilledRightAfterAChangeIsFinishedByTheNextExecutionAndTheRecordsSaySo(CrashPoint point)
            throws Exception {
        RealWorkflow world = RealWorkflow.scenario("every-blocker", new MemoryRecordStore());

        Killed first = killedAt(world, point);

        JsonNode pending = first.record().path("pending");
        if (point.isDeleteUser()) {
            assertEquals("DeleteUser", pending.path("step").asText(), pending.toString());
        } else {
            assertEquals("RemoveTokens", pending.path("step").asText(), pending.toString());
            assertEquals("REMOVE", pending.path("mode").asText());
            assertTrue(items(pending.path("plan")).contains(point.item()),
                    "the intent names the item the run was acting on: " + pending.path("plan"));
        }
        boolean leftDeactivated = deactivatedNotDeleted(world.iam.calls().all(), VIRTUAL_MFA);
        if (point.equals(new CrashPoint("DeactivateMFADevice", BlockerKind.MFA_DEVICE, VIRTUAL_MFA))) {
            assertTrue(leftDeactivated, "the device is deactivated, no longer the user's in IAM, and not deleted");
        }

        JsonNode second = finishedAfter(world, first, point.isDeleteUser() ? "ALREADY_ABSENT" : "DELETED");

        if (leftDeactivated) {
            JsonNode recovered = mfaDevice(second.path("inventory"), VIRTUAL_MFA);
            assertEquals(EXECUTION + "first", recovered.path("recoveredFrom").asText(),
                    "only the first run's record knew the deactivated device was the user's: " + recovered);
            assertTrue(itemsOfRounds(second.path("removed")).contains("MFA_DEVICE " + VIRTUAL_MFA));
            assertEquals(List.of("DeleteVirtualMFADevice"), callsOn(world.iam.calls().all(), VIRTUAL_MFA,
                    first.callsMade()), "the second run deletes it and does not deactivate it again");
        }
    }

    /**
     * A quarantine: the lock-out, then after the quarantine a fresh look and the removal. Killed in the lock-out, or
     * in the removal after the quarantine, the next execution starts over with its own lock-out and quarantine, and
     * deletes the user at its end.
     */
    static Stream<CrashPoint> quarantineChanges() {
        return Stream.of(
                new CrashPoint("UpdateSigningCertificate", BlockerKind.SIGNING_CERTIFICATE,
                        "CERTNIGHTOWL000000000000000001"),
                new CrashPoint("DeleteUserPolicy", BlockerKind.INLINE_POLICY, "own-bucket"));
    }

    @ParameterizedTest(name = "killed after {0}")
    @MethodSource("quarantineChanges")
    void aQuarantineKilledMidwayIsFinishedByTheNextExecutionAfterItsOwnQuarantine(CrashPoint point)
            throws Exception {
        RealWorkflow world = RealWorkflow.scenario("quarantine", new MemoryRecordStore());
        int quarantineDays = world.request().path("quarantineDays").asInt();

        Killed first = killedAt(world, point);

        JsonNode pending = first.record().path("pending");
        boolean inTheLockOut = !point.operation().equals("DeleteUserPolicy");
        assertEquals("RemoveTokens", pending.path("step").asText(), pending.toString());
        assertEquals(inTheLockOut ? "LOCK_OUT" : "REMOVE", pending.path("mode").asText(), pending.toString());
        assertEquals(inTheLockOut ? "FIRST" : "AGAIN", pending.path("phase").asText(), pending.toString());
        assertTrue(items(pending.path("plan")).contains(point.item()), pending.path("plan").toString());

        JsonNode second = finishedAfter(world, first, "DELETED");

        assertEquals(List.of("LOCK_OUT", "REMOVE"), modes(second.path("removed")),
                "the next execution locks out, waits its quarantine and removes: " + second.path("removed"));
        assertFalse(Instant.parse(second.path("deletedAt").asText()).isBefore(
                Instant.parse(second.path("startedAt").asText()).plus(Duration.ofDays(quarantineDays))),
                "deleted only after the second execution's own quarantine");
    }

    /** Every kind of blocker and every kind of change a complete offboarding of every_blocker makes has a point. */
    @Test
    void theCrashPointsCoverEveryChangeACompleteOffboardingMakes() throws Exception {
        RealWorkflow world = RealWorkflow.scenario("every-blocker", new MemoryRecordStore());

        WorkflowResult result = world.offboard("complete");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        List<Call> changes = world.iam.calls().mutating().stream().filter(c -> c.outcome().equals("OK")).toList();
        List<CrashPoint> points = everyBlockersChanges().toList();
        assertEquals(new TreeSet<>(changes.stream().map(Call::operation).toList()),
                new TreeSet<>(points.stream().map(CrashPoint::operation).toList()),
                "a crash point for each kind of change: " + changes);
        assertEquals(Set.of(BlockerKind.values()), points.stream().filter(p -> !p.isDeleteUser())
                .map(CrashPoint::kind).collect(Collectors.toSet()), "a crash point for each kind of blocker");
        for (CrashPoint point : points) {
            assertTrue(changes.stream().anyMatch(point::matches), point + " is a change the offboarding makes");
        }
    }

    // ---- the two executions -------------------------------------------------------------------------------------

    /** The first execution, killed: its record as it left it, and how many IAM calls it made. */
    private record Killed(String key, byte[] bytes, JsonNode record, int callsMade) {
    }

    /** Runs the first execution until {@code point} has taken effect, kills it there, and checks what it left. */
    private static Killed killedAt(RealWorkflow world, CrashPoint point) throws IOException {
        world.iam.faults().crashAfter(point::matches, EngineProcess::kill);

        LocalEngineException killed = assertThrows(LocalEngineException.class, () -> world.offboard("first"),
                "the run was to be killed after " + point);

        assertTrue(killed.getMessage().startsWith("the local engine stopped without a result"), killed.getMessage());
        List<Call> calls = world.iam.calls().all();
        Call crashPoint = world.iam.faults().crashedAfter().orElseThrow();
        assertEquals(crashPoint, calls.get(calls.size() - 1), "no IAM call arrived after the crash point");
        List<String> keys = world.recordKeys();
        assertEquals(1, keys.size(), keys.toString());
        byte[] bytes = world.records.get(keys.get(0)).orElseThrow();
        JsonNode record = Json.mapper().readTree(bytes);
        assertEquals("IN_PROGRESS", record.path("outcome").asText(), record.toString());
        assertEquals(EXECUTION + "first", record.path("executionId").asText());
        return new Killed(keys.get(0), bytes, record, calls.size());
    }

    /**
     * The second execution, over the same IAM and records: it ends {@code outcome}, nothing is left in IAM, and its
     * record names the first and, with the first's, accounts for every item the user had.
     */
    private static JsonNode finishedAfter(RealWorkflow world, Killed first, String outcome) throws Exception {
        world.iam.faults().restart();

        WorkflowResult result = world.offboard("second");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertFalse(world.iam.userExists(world.userName()), "the user is deleted");
        assertEquals(Set.of(), world.iam.virtualMfaDeviceSerials(), "no virtual MFA device is left orphaned");

        List<String> keys = world.recordKeys();
        assertEquals(2, keys.size(), keys.toString());
        assertEquals(first.key(), keys.get(0), "the first record comes first: " + keys);
        assertArrayEquals(first.bytes(), world.records.get(first.key()).orElseThrow(),
                "the first execution's record stays as it left it");
        JsonNode second = world.record(keys.get(1));
        assertEquals(result.output(), second, "the execution's output is its stored record");
        assertEquals(outcome, second.path("outcome").asText(), () -> second.path("error") + ": " + second.path("cause"));
        assertEquals(EXECUTION + "second", second.path("executionId").asText());
        assertTrue(second.path("pending").isNull(), "nothing pending: " + second.path("pending"));
        assertTrue(second.path("error").isNull(), second.path("error").toString());
        assertEquals(first.key(), second.path("recoveredFrom").path("key").asText(),
                "recoveredFrom names the first record: " + second.path("recoveredFrom"));
        assertEquals(EXECUTION + "first", second.path("recoveredFrom").path("executionId").asText());
        if (outcome.equals("DELETED")) {
            assertFalse(second.path("deletedAt").isNull());
            assertTrue(second.path("deleteUserAttempts").asInt() >= 1);
        }

        // Every item the second execution found, it acted on, in one of its rounds.
        Set<String> actedOn = new LinkedHashSet<>();
        for (JsonNode round : second.path("removed")) {
            for (JsonNode item : round.path("items")) {
                assertTrue(DONE.contains(item.path("action").asText()), item.toString());
                actedOn.add(item.path("kind").asText() + " " + item.path("id").asText());
            }
        }
        assertTrue(actedOn.containsAll(itemsOf(second.path("inventory"))),
                "every item of its first look " + itemsOf(second.path("inventory")) + " is in its rounds: " + actedOn);
        // Every item the user had when the first execution looked: done by the first (in its rounds, or in the round
        // it was doing when it died) or by the second.
        Set<String> firstRuns = new LinkedHashSet<>(items(first.record().path("pending").path("plan")));
        firstRuns.addAll(itemsOfRounds(first.record().path("removed")));
        for (String item : itemsOf(first.record().path("inventory"))) {
            assertTrue(actedOn.contains(item) || firstRuns.contains(item),
                    item + " is accounted for by neither record");
        }
        return second;
    }

    // ---- reading records ----------------------------------------------------------------------------------------

    /** Each item of an inventory as "KIND id", in the order a removal acts on them. */
    private static Set<String> itemsOf(JsonNode inventory) throws IOException {
        UserInventory parsed = Json.mapper().treeToValue(inventory, UserInventory.class);
        return BlockerKind.plannedItems(RemovalMode.REMOVE, parsed).stream()
                .map(item -> item.kind() + " " + item.id()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Each item of a list of {kind, id, action} as "KIND id". */
    private static List<String> items(JsonNode list) {
        List<String> items = new ArrayList<>();
        list.forEach(item -> items.add(item.path("kind").asText() + " " + item.path("id").asText()));
        return items;
    }

    /** Each item of every round of a record's {@code removed}. */
    private static List<String> itemsOfRounds(JsonNode rounds) {
        List<String> items = new ArrayList<>();
        rounds.forEach(round -> items.addAll(items(round.path("items"))));
        return items;
    }

    private static List<String> modes(JsonNode rounds) {
        List<String> modes = new ArrayList<>();
        rounds.forEach(round -> modes.add(round.path("mode").asText()));
        return modes;
    }

    private static JsonNode mfaDevice(JsonNode inventory, String serial) {
        for (JsonNode device : inventory.path("mfaDevices")) {
            if (serial.equals(device.path("serialNumber").asText())) {
                return device;
            }
        }
        throw new AssertionError("no MFA device " + serial + " in " + inventory.path("mfaDevices"));
    }

    private static boolean deactivatedNotDeleted(List<Call> calls, String serial) {
        return calls.stream().anyMatch(c -> c.operation().equals("DeactivateMFADevice")
                && c.target().endsWith("/" + serial) && c.outcome().equals("OK"))
                && calls.stream().noneMatch(c -> c.operation().equals("DeleteVirtualMFADevice")
                && c.target().equals(serial) && c.outcome().equals("OK"));
    }

    /** The changes made to the device after the first {@code from} calls. */
    private static List<String> callsOn(List<Call> calls, String serial, int from) {
        return calls.subList(from, calls.size()).stream().filter(Call::mutating)
                .filter(c -> c.target().equals(serial) || c.target().endsWith("/" + serial))
                .map(Call::operation).toList();
    }
}
