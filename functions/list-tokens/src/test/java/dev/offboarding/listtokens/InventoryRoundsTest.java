package dev.offboarding.listtokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.simulator.HeldCalls;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import dev.offboarding.testing.ConcurrencySensitive;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An inventory is three round trips whatever the number of items: GetUser alone; the nine lists side by side; the
 * details the lists point at (the last use of each key, the document of each inline policy) side by side with the
 * simulation of the user's policies. Each round is seen whole: the simulator holds every call in flight until the
 * test releases the round, so a round made sequential, or split, never shows all its calls together.
 */
class InventoryRoundsTest {
    /** How long broken code (a round that is not side by side) is waited for before the test fails. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Path EVERY_BLOCKER = Path.of("..", "..", "events", "scenarios", "every-blocker.json");

    @ConcurrencySensitive
    void theInventoryIsGetUserThenTheNineListsTogetherThenTheDetailsTogether() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
        IamSimulator iam = IamSimulator.fromFile(EVERY_BLOCKER, clock);
        ListTokensHandler handler = new ListTokensHandler(new IamGateway(iam), GuardSettings.defaults(), clock);
        AtomicReference<byte[]> output = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();

        try (HeldCalls held = iam.holdCalls()) {
            Thread invocation = new Thread(() -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    handler.handleRequest(new ByteArrayInputStream("{\"userName\": \"every_blocker\"}"
                            .getBytes(StandardCharsets.UTF_8)), out, new LocalContext("list-tokens"));
                    output.set(out.toByteArray());
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "list-tokens");
            invocation.start();

            assertEquals(List.of("GetUser"), held.awaitHeld(1, PATIENCE));
            assertEquals(List.of("GetUser"), held.release());
            assertEquals(List.of("GetLoginProfile", "ListAccessKeys", "ListAttachedUserPolicies", "ListGroupsForUser",
                    "ListMFADevices", "ListSSHPublicKeys", "ListServiceSpecificCredentials", "ListSigningCertificates",
                    "ListUserPolicies"), sorted(held.awaitHeld(9, PATIENCE)), "the nine lists in flight together");
            assertEquals(9, held.release().size());
            assertEquals(List.of("GetAccessKeyLastUsed", "GetAccessKeyLastUsed", "GetUserPolicy", "GetUserPolicy",
                    "SimulatePrincipalPolicy"), sorted(held.awaitHeld(5, PATIENCE)),
                    "two keys' last use, two inline policies and the simulation, in flight together");
            assertEquals(5, held.release().size());
            invocation.join();
        }

        assertNull(failure.get());
        JsonNode inventory = Json.mapper().readTree(output.get()).get("inventory");
        assertTrue(inventory.get("exists").asBoolean());
        assertEquals(19, inventory.get("blockerCount").asInt());
        assertEquals(15, iam.calls().all().size(), "no call beyond the three rounds");
        assertEquals(3, iam.calls().roundTrips());
    }

    private static List<String> sorted(List<String> operations) {
        return operations.stream().sorted().toList();
    }
}
