package dev.offboarding.local;

import static dev.offboarding.local.Scenario.json;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A secret never leaves IAM: not in an output, a log line or the call log. */
class SecretsTest {

    @Test
    void noSecretOfTheUserAppearsInAnyOutputLogLineOrCall() {
        Scenario s = Scenario.ofWorld("{\"users\": [{\"userName\": \"carol\"}]}");
        String password = "Correct-Horse-Battery-9!";
        s.iam.createLoginProfile(r -> r.userName("carol").password(password));
        String keySecret = s.iam.createAccessKey(r -> r.userName("carol")).accessKey().secretAccessKey();
        String servicePassword = s.iam.createServiceSpecificCredential(
                r -> r.userName("carol").serviceName("codecommit.amazonaws.com"))
                .serviceSpecificCredential().servicePassword();
        assertNotNull(keySecret);
        assertNotNull(servicePassword);

        List<String> seen = new ArrayList<>();
        Invocation inventory = s.listTokens("carol");
        seen.add(inventory.payload());
        String inventoryJson = Scenario.inventory(inventory).toString();
        seen.add(s.removeTokens(inventoryJson, "REMOVE", true).payload());
        seen.add(s.removeTokens(inventoryJson, "REMOVE", false).payload());
        Invocation deleted = s.deleteUser("carol", 0);
        seen.add(deleted.payload());
        seen.addAll(s.functions.logLines());
        s.iam.calls().all().forEach(call -> seen.add(call.toString()));

        JsonNode removed = json(deleted);
        assertFalse(removed.isMissingNode());
        for (String text : seen) {
            for (String secret : List.of(password, keySecret, servicePassword)) {
                assertFalse(text != null && text.contains(secret), "a secret leaked into: " + text);
            }
        }
    }
}
