package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A whole offboarding, through the real definition and functions: no secret of the user (console password, access
 * key secret, service-specific password) is in any version of its record, the end's event, the execution's output
 * or a log line.
 */
class NoSecretReachesARecordOrTheEndsEventTest {

    @Test
    void noSecretIsInAnyRecordVersionTheEventTheOutputOrALogLine() throws Exception {
        WatchedRecordStore store = WatchedRecordStore.accepting();
        RealWorkflow world = RealWorkflow.scenario("little-tester", store);
        String user = world.userName();
        String password = "Correct-Horse-Battery-9!";
        world.iam.deleteLoginProfile(r -> r.userName(user));
        world.iam.createLoginProfile(r -> r.userName(user).password(password));
        String keySecret = world.iam.createAccessKey(r -> r.userName(user)).accessKey().secretAccessKey();
        String servicePassword = world.iam.createServiceSpecificCredential(
                r -> r.userName(user).serviceName("codecommit.amazonaws.com"))
                .serviceSpecificCredential().servicePassword();
        assertNotNull(keySecret);
        assertNotNull(servicePassword);

        WorkflowResult result = world.offboard("secrets");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        List<String> seen = new ArrayList<>();
        store.written().forEach(json -> seen.add(new String(json, StandardCharsets.UTF_8)));
        result.events().forEach(event -> seen.add(event.line().toString()));
        seen.add(result.output().toString());
        seen.addAll(world.logLines());
        assertTrue(seen.stream().anyMatch(text -> text.contains("\"EventsPut\"")), "the end's event was seen");
        assertTrue(store.written().size() >= 4, "every version of the record was seen");
        for (String text : seen) {
            for (String secret : List.of(password, keySecret, servicePassword)) {
                assertFalse(text.contains(secret), "a secret leaked into: " + text);
            }
        }
    }
}
