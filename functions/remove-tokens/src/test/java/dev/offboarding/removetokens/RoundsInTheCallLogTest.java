package dev.offboarding.removetokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateway.Removal;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.MfaDevice;
import dev.offboarding.model.UserInventory;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import dev.offboarding.testing.ListedInventories;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * remove-tokens acts round by round, as the simulator's log of the calls it received shows: the user is denied every
 * action first, then what can be reactivated is deactivated; a removal then deletes the console password, removes
 * everything else and lifts the deny last, and a virtual MFA device is deactivated before it is deleted. The calls of one round run side by side, so their order among themselves is not
 * asserted; the order of the rounds is, and that of the two calls of one device.
 */
class RoundsInTheCallLogTest {
    private static final Path EVERY_BLOCKER = Path.of("..", "..", "events", "scenarios", "every-blocker.json");
    private static final String USER = "every_blocker";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
    private final IamSimulator iam = IamSimulator.fromFile(EVERY_BLOCKER, clock);
    private final IamGateway gateway = new IamGateway(iam);
    private final UserInventory inventory = ListedInventories.of(gateway, USER, clock.instant(),
            List.of(BlockerKind.values()));

    /** The changes IAM received from one remove-tokens run of {@code mode}, in the order they arrived. */
    private List<Call> changesOf(String mode) throws Exception {
        iam.calls().clear();
        ObjectNode request = Json.mapper().createObjectNode().put("mode", mode);
        request.set("inventory", Json.mapper().valueToTree(inventory));
        new RemoveTokensHandler(gateway, duration -> { }, clock).handleRequest(
                new ByteArrayInputStream(request.toString().getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), new LocalContext("remove-tokens"));
        return iam.calls().mutating();
    }

    private static List<Integer> positions(List<Call> calls, Predicate<Call> which) {
        return IntStream.range(0, calls.size()).filter(i -> which.test(calls.get(i))).boxed().toList();
    }

    private static Predicate<Call> operation(String name) {
        return call -> call.operation().equals(name);
    }

    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";

    private static Predicate<Call> theDeny() {
        return call -> call.target().equals(USER + "/" + DENY_ALL);
    }

    @Test
    void aRemovalDeactivatesTheActiveKeyThenDeletesThePasswordBeforeAnythingElseIsDeleted() throws Exception {
        List<Call> changes = changesOf("REMOVE");

        List<Integer> keyDeactivated = positions(changes, operation("UpdateAccessKey"));
        List<Integer> passwordDeleted = positions(changes, operation("DeleteLoginProfile"));
        List<Integer> removals = positions(changes, operation("UpdateAccessKey").or(operation("DeleteLoginProfile"))
                .or(theDeny()).negate());
        assertEquals(List.of(0), positions(changes, operation("AttachUserPolicy")), "the deny first: " + changes);
        assertEquals(List.of(changes.size() - 1), positions(changes, theDeny().and(operation("DetachUserPolicy"))),
                "the deny lifted last: " + changes);
        assertEquals(1, keyDeactivated.size(), "the active key only: " + changes);
        assertEquals(1, passwordDeleted.size(), changes.toString());
        int password = 1;
        int secondCallOfTheVirtualDevice = 1;
        assertEquals(inventory.blockerCount() - password + secondCallOfTheVirtualDevice, removals.size(),
                "every other item once, the virtual MFA device twice (deactivated, then deleted): " + changes);
        assertTrue(keyDeactivated.get(0) < passwordDeleted.get(0), "the key before the password: " + changes);
        assertTrue(passwordDeleted.get(0) < Collections.min(removals), "no credential works once removal starts: " + changes);
        assertEquals(Removal.DONE, gateway.deleteUser(USER), "nothing is left");
    }

    @Test
    void aVirtualMfaDeviceIsDeactivatedBeforeItIsDeleted() throws Exception {
        List<Call> changes = changesOf("REMOVE");

        List<String> virtual = inventory.mfaDevices().stream().filter(MfaDevice::virtual)
                .map(MfaDevice::serialNumber).toList();
        assertEquals(1, virtual.size(), "every_blocker has one virtual device");
        String serial = virtual.get(0);
        List<Integer> deactivated = positions(changes, operation("DeactivateMFADevice")
                .and(call -> call.target().endsWith(serial)));
        List<Integer> deleted = positions(changes, operation("DeleteVirtualMFADevice"));
        assertEquals(1, deactivated.size(), changes.toString());
        assertEquals(1, deleted.size(), changes.toString());
        assertTrue(deactivated.get(0) < deleted.get(0), changes.toString());
    }

    @Test
    void aLockOutDeniesEveryActionThenDeactivatesEveryCredentialAndKeepsThePasswordAndEverythingElse()
            throws Exception {
        List<Call> changes = changesOf("LOCK_OUT");

        List<Integer> deactivations = positions(changes, call -> call.operation().startsWith("Update"));
        assertEquals(List.of(0), positions(changes, operation("AttachUserPolicy").and(theDeny())),
                "the deny first: " + changes);
        assertEquals(2 + 2 + 2 + 3, deactivations.size(), "every key, certificate, SSH key and service-specific"
                + " credential, active or not: " + changes);
        assertEquals(List.of(), positions(changes, operation("DeleteLoginProfile")),
                "the password is kept, powerless behind the deny: " + changes);
        assertEquals(1 + deactivations.size(), changes.size(), "nothing else: " + changes);
        assertTrue(gateway.loginProfile(USER).isPresent(), "the password is still there");
        assertTrue(gateway.attachedPolicies(USER).stream().anyMatch(p -> p.policyArn().equals(DENY_ALL)),
                "and the deny stays on: " + gateway.attachedPolicies(USER));
    }
}
