package dev.offboarding.local;

import static dev.offboarding.local.Scenario.inventory;
import static dev.offboarding.local.Scenario.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.UserDeleteConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * list-tokens, remove-tokens and delete-user in sequence against the simulator, as the workflow runs them, with
 * DeleteUser retried each simulated second the way the state machine's Retry would.
 */
class OffboardingChainTest {

    @Test
    void everyBlockerKindTwoOfEachOnManyPagesIsRemovedAndTheUserIsDeletedOnceTheThreeSecondLagHasPassed() {
        Scenario s = Scenario.load("every-blocker");
        String user = s.userName();

        JsonNode inventory = inventory(s.listTokens(user));
        assertEquals(1 + 2 + 2 + 2 + 3 + 3 + 2 + 2 + 2, inventory.path("blockerCount").asInt(),
                "login profile, 2 keys, 2 certificates, 2 SSH keys, 3 service credentials, 3 MFA devices,"
                        + " 2 inline policies, 2 attached policies, 2 groups");
        for (String list : List.of("ListAccessKeys", "ListSigningCertificates", "ListSSHPublicKeys",
                "ListServiceSpecificCredentials", "ListMFADevices", "ListUserPolicies", "ListAttachedUserPolicies",
                "ListGroupsForUser")) {
            assertTrue(s.iam.calls().count(list) >= 2, list + " must have been read page by page (page size 1)");
        }

        JsonNode removal = json(s.removeTokens(inventory.toString(), "REMOVE", false));
        assertEquals(inventory.path("blockerCount").asInt() + 1, removal.path("items").size(),
                "one entry per item, then the deny of every action lifted");
        JsonNode last = removal.path("items").get(removal.path("items").size() - 1);
        assertEquals("ATTACHED_POLICY arn:aws:iam::aws:policy/AWSDenyAll DETACHED", last.path("kind").asText() + " "
                + last.path("id").asText() + " " + last.path("action").asText());
        Set<String> acted = Set.of("DELETED", "DEACTIVATED", "DETACHED", "REMOVED");
        removal.path("items").forEach(item -> assertTrue(acted.contains(item.path("action").asText()), item.toString()));

        Instant removedAt = s.clock.instant();
        JsonNode deleted = deleteUserRetryingEachSecond(s, user);
        assertEquals("DELETED", deleted.path("outcome").asText());
        assertEquals(3, deleted.path("attempt").asInt(), "conflicts at +0 s, +1 s and +2 s; deleted at +3 s");
        assertEquals(Duration.ofSeconds(3), Duration.between(removedAt, s.clock.instant()));

        assertFalse(s.iam.userExists(user), "the user is gone");
        assertTrue(s.iam.virtualMfaDeviceSerials().isEmpty(), "no virtual MFA device is left orphaned");
    }

    @Test
    void littleTesterIsDeletedAndItsVirtualMfaDeviceDoesNotOutliveIt() {
        Scenario s = Scenario.load("little-tester");
        String user = s.userName();

        JsonNode inventory = inventory(s.listTokens(user));
        assertEquals(3, inventory.path("blockerCount").asInt(), "access key, virtual MFA device, console password");
        assertFalse(inventory.path("protected").asBoolean());
        assertFalse(inventory.path("recentlyActive").asBoolean(), "last used in early October, long before the window");
        assertEquals("AKIAQLITTLETESTER001", inventory.path("lastActivity").path("id").asText());

        json(s.removeTokens(inventory.toString(), "REMOVE", false));
        JsonNode deleted = deleteUserRetryingEachSecond(s, user);

        assertEquals("DELETED", deleted.path("outcome").asText());
        assertFalse(s.iam.userExists(user));
        assertTrue(s.iam.virtualMfaDeviceSerials().isEmpty());
    }

    @Test
    void theInventoryKeepsWhatAPersonNeedsToRecreateTheUserByHand() {
        Scenario s = Scenario.load("every-blocker");
        JsonNode inventory = inventory(s.listTokens(s.userName()));

        JsonNode user = inventory.path("user");
        assertEquals("/contractors/", user.path("path").asText());
        assertEquals("arn:aws:iam::123456789012:user/contractors/every_blocker", user.path("arn").asText());
        assertEquals("arn:aws:iam::123456789012:policy/contractor-boundary", user.path("permissionsBoundary").asText());
        assertEquals(2, user.path("tags").size());
        assertTrue(inventory.path("inlinePolicies").get(0).path("policyDocument").asText().contains("\"Statement\""),
                "inline policy documents are kept, decoded to JSON text");
        List<String> services = new ArrayList<>();
        inventory.path("serviceSpecificCredentials").forEach(c -> services.add(c.path("serviceName").asText()));
        assertEquals(Set.of("codecommit.amazonaws.com", "cassandra.amazonaws.com", "bedrock.amazonaws.com"),
                Set.copyOf(services), "every service's credentials, none hard-coded");
        long virtual = StreamSupport.stream(inventory.path("mfaDevices").spliterator(), false)
                .filter(d -> d.path("virtual").asBoolean()).count();
        assertEquals(1, virtual, "only the arn:...:mfa/ device is virtual; hardware and FIDO devices are not");
        assertEquals("2026-10-20T14:00:00Z", inventory.path("lastActivity").path("at").asText());
    }

    /** DeleteUser until it stops answering with the typed conflict, one simulated second apart; bounded. */
    static JsonNode deleteUserRetryingEachSecond(Scenario s, String user) {
        for (int attempt = 0; attempt < 30; attempt++) {
            Invocation result = s.deleteUser(user, attempt);
            if (!result.failed()) {
                return json(result);
            }
            assertEquals(UserDeleteConflictException.class.getName(), result.errorType(), result.errorMessage());
            s.clock.advance(Duration.ofSeconds(1));
        }
        throw new AssertionError("DeleteUser still conflicting after 30 s");
    }
}
