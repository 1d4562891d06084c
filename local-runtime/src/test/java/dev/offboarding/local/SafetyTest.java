package dev.offboarding.local;

import static dev.offboarding.local.Scenario.inventory;
import static dev.offboarding.local.Scenario.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.simulator.Call;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What must not change IAM: dry runs; and what LOCK_OUT may change: only the reversible lock-out. */
class SafetyTest {

    @Test
    void aDryRunMakesNoIamCallAtAllAndReturnsThePlan() {
        Scenario s = Scenario.load("every-blocker");
        JsonNode inventory = inventory(s.listTokens(s.userName()));
        s.iam.calls().clear();

        JsonNode plan = json(s.removeTokens(inventory.toString(), "REMOVE", true));

        assertEquals(List.of(), s.iam.calls().all(), "a dry run calls nothing");
        assertTrue(plan.path("dryRun").asBoolean());
        assertEquals("MANAGED_POLICY", plan.path("deny").path("how").asText(), "the deny it would attach first");
        assertTrue(plan.path("deny").path("attachedAt").isNull(), "and has not");
        JsonNode items = plan.path("items");
        assertEquals(inventory.path("blockerCount").asInt() + 1, items.size(), "every blocker, then the deny lifted");
        items.forEach(item -> assertTrue(item.path("action").asText().startsWith("WOULD_"), item.toString()));
        assertEquals("arn:aws:iam::aws:policy/AWSDenyAll WOULD_DETACH",
                items.get(items.size() - 1).path("id").asText() + " " + items.get(items.size() - 1).path("action").asText());
        assertEquals(inventory.path("blockerCount").asInt(),
                inventory(s.listTokens(s.userName())).path("blockerCount").asInt(), "everything is still there");
    }

    @Test
    void listTokensOnlyReads() {
        Scenario s = Scenario.load("every-blocker");
        inventory(s.listTokens(s.userName()));
        assertEquals(List.of(), s.iam.calls().mutating());
        assertTrue(s.iam.calls().all().size() > 0);
    }

    @Test
    void removeDeniesEveryActionThenLocksOutEveryActiveKeyAndTheConsolePasswordBeforeDeletingAnythingElse() {
        Scenario s = Scenario.load("every-blocker");
        JsonNode inventory = inventory(s.listTokens(s.userName()));
        s.iam.calls().clear();

        json(s.removeTokens(inventory.toString(), "REMOVE", false));

        List<String> order = s.iam.calls().mutating().stream().map(Call::operation).toList();
        assertEquals(List.of("AttachUserPolicy", "UpdateAccessKey", "DeleteLoginProfile"), order.subList(0, 3),
                "the deny attached, the one active key deactivated, then the password deleted, before anything else: "
                        + order);
        assertEquals(1, order.stream().filter("UpdateAccessKey"::equals).count(), "only the active key needs it");
        assertEquals("DetachUserPolicy every_blocker/arn:aws:iam::aws:policy/AWSDenyAll",
                s.iam.calls().mutating().get(order.size() - 1).operation() + " "
                        + s.iam.calls().mutating().get(order.size() - 1).target(), "the deny is lifted last");
    }

    @Test
    void lockOutDeniesEveryActionThenOnlyDeactivatesAndKeepsTheConsolePassword() {
        Scenario s = Scenario.load("every-blocker");
        JsonNode inventory = inventory(s.listTokens(s.userName()));
        s.iam.calls().clear();

        JsonNode result = json(s.removeTokens(inventory.toString(), "LOCK_OUT", false));

        List<Call> calls = s.iam.calls().mutating();
        assertEquals("AttachUserPolicy", calls.get(0).operation(), "the deny comes first: " + calls);
        Set<String> deactivations = Set.of("UpdateAccessKey", "UpdateSSHPublicKey", "UpdateSigningCertificate",
                "UpdateServiceSpecificCredential");
        for (Call call : calls.subList(1, calls.size())) {
            assertTrue(deactivations.contains(call.operation()), "unexpected " + call);
        }
        assertEquals("MANAGED_POLICY", result.path("deny").path("how").asText());
        assertFalse(result.path("deny").path("attachedAt").asText().isEmpty(), "the result says when");
        JsonNode after = inventory(s.listTokens(s.userName()));
        assertFalse(after.path("loginProfile").isNull(), "the console password is kept, behind the deny");
        assertTrue(after.path("attachedPolicies").toString().contains("arn:aws:iam::aws:policy/AWSDenyAll"));
        for (String list : List.of("accessKeys", "sshPublicKeys", "signingCertificates", "serviceSpecificCredentials")) {
            assertEquals(inventory.path(list).size(), after.path(list).size(), list + " are kept");
            after.path(list).forEach(item -> assertEquals("Inactive", item.path("status").asText(), item.toString()));
        }
        assertEquals(3, after.path("mfaDevices").size(), "MFA devices are kept");
        assertEquals(2, after.path("groups").size(), "group memberships are kept");
        assertFalse(after.path("inlinePolicies").isEmpty());
    }
}
