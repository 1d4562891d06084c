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
        assertEquals(inventory.path("blockerCount").asInt(), plan.path("items").size());
        plan.path("items").forEach(item -> assertTrue(item.path("action").asText().startsWith("WOULD_"), item.toString()));
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
    void removeLocksOutEveryActiveKeyAndTheConsolePasswordBeforeDeletingAnythingElse() {
        Scenario s = Scenario.load("every-blocker");
        JsonNode inventory = inventory(s.listTokens(s.userName()));
        s.iam.calls().clear();

        json(s.removeTokens(inventory.toString(), "REMOVE", false));

        List<String> order = s.iam.calls().mutating().stream().map(Call::operation).toList();
        assertEquals(List.of("UpdateAccessKey", "DeleteLoginProfile"), order.subList(0, 2),
                "the one active key is deactivated, then the password deleted, before anything else: " + order);
        assertEquals(1, order.stream().filter("UpdateAccessKey"::equals).count(), "only the active key needs it");
    }

    @Test
    void lockOutOnlyDeactivatesAndDeletesTheConsolePassword() {
        Scenario s = Scenario.load("every-blocker");
        JsonNode inventory = inventory(s.listTokens(s.userName()));
        s.iam.calls().clear();

        json(s.removeTokens(inventory.toString(), "LOCK_OUT", false));

        Set<String> lockOutCalls = Set.of("UpdateAccessKey", "UpdateSSHPublicKey", "UpdateSigningCertificate",
                "UpdateServiceSpecificCredential", "DeleteLoginProfile");
        for (Call call : s.iam.calls().mutating()) {
            assertTrue(lockOutCalls.contains(call.operation()), "unexpected " + call);
        }
        JsonNode after = inventory(s.listTokens(s.userName()));
        assertTrue(after.path("loginProfile").isNull(), "console password deleted");
        for (String list : List.of("accessKeys", "sshPublicKeys", "signingCertificates", "serviceSpecificCredentials")) {
            assertEquals(inventory.path(list).size(), after.path(list).size(), list + " are kept");
            after.path(list).forEach(item -> assertEquals("Inactive", item.path("status").asText(), item.toString()));
        }
        assertEquals(3, after.path("mfaDevices").size(), "MFA devices are kept");
        assertEquals(2, after.path("groups").size(), "group memberships are kept");
        assertFalse(after.path("inlinePolicies").isEmpty());
    }
}
