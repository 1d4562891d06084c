package dev.offboarding.removetokens;

import static dev.offboarding.removetokens.RoundRequests.dryRun;
import static dev.offboarding.removetokens.RoundRequests.invoke;
import static dev.offboarding.removetokens.RoundRequests.items;
import static dev.offboarding.removetokens.RoundRequests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.local.LocalContext;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.UserInventory;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import dev.offboarding.testing.ListedInventories;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A lock-out keeps the user's console password: behind the deny of every action a sign-in grants nothing, and a
 * password, unlike a key, cannot be deactivated and given back, so a reinstate after the quarantine needs it kept.
 * The removal after the quarantine deletes it, once the deny is attached again.
 */
class ALockOutKeepsTheConsolePasswordTest {
    private static final Path EVERY_BLOCKER = Path.of("..", "..", "events", "scenarios", "every-blocker.json");
    private static final String USER = "every_blocker";
    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
    private final IamSimulator simulator = IamSimulator.fromFile(EVERY_BLOCKER, clock);
    private final IamGateway gateway = new IamGateway(simulator);
    private final LocalContext context = new LocalContext("remove-tokens");

    private UserInventory inventory() {
        return ListedInventories.of(gateway, USER, clock.instant(), List.of(BlockerKind.values()));
    }

    @Test
    void aLockOutNeverDeletesTheLoginProfileAndTheUserIsDeniedInstead() throws Exception {
        UserInventory inventory = inventory();
        assertTrue(inventory.loginProfile() != null, USER + " has a console password");
        simulator.calls().clear();

        JsonNode result = invoke(simulator, clock, context, request("LOCK_OUT", inventory));

        assertEquals(0, simulator.calls().count("DeleteLoginProfile"), simulator.calls().all().toString());
        assertTrue(gateway.loginProfile(USER).isPresent(), "the password is still there");
        assertTrue(items(result).stream().noneMatch(item -> item.startsWith("LOGIN_PROFILE")), items(result).toString());
        assertTrue(gateway.attachedPolicies(USER).stream().anyMatch(p -> p.policyArn().equals(DENY_ALL)),
                "a sign-in with it is denied every action: " + gateway.attachedPolicies(USER));
    }

    @Test
    void aLockOutsPlanDoesNotDeleteThePasswordEither() throws Exception {
        JsonNode plan = invoke(simulator, clock, context, dryRun("LOCK_OUT", inventory()));

        assertTrue(items(plan).stream().noneMatch(item -> item.startsWith("LOGIN_PROFILE")), items(plan).toString());
        assertTrue(items(plan).stream().allMatch(item -> item.endsWith(" WOULD_DEACTIVATE")), items(plan).toString());
    }

    @Test
    void theRemovalAfterTheQuarantineDeletesThePasswordBehindTheDeny() throws Exception {
        invoke(simulator, clock, context, request("LOCK_OUT", inventory()));
        UserInventory afterTheQuarantine = inventory();
        assertTrue(afterTheQuarantine.loginProfile() != null, "the lock-out kept it");
        simulator.calls().clear();

        JsonNode result = invoke(simulator, clock, context, request("REMOVE", afterTheQuarantine));

        List<Call> changes = simulator.calls().mutating();
        List<String> operations = changes.stream().map(Call::operation).toList();
        assertEquals(1, simulator.calls().count("DeleteLoginProfile"), changes.toString());
        assertTrue(operations.indexOf("AttachUserPolicy") < operations.indexOf("DeleteLoginProfile"),
                "the deny is on when the password goes: " + changes);
        assertTrue(items(result).contains("LOGIN_PROFILE " + USER + " DELETED"), items(result).toString());
        assertTrue(gateway.loginProfile(USER).isEmpty());
    }
}
