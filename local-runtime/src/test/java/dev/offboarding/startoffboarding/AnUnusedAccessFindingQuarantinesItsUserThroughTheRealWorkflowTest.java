package dev.offboarding.startoffboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.local.EngineProcess;
import dev.offboarding.local.LocalContext;
import dev.offboarding.local.LocalEngineException;
import dev.offboarding.local.LocalFunctions;
import dev.offboarding.local.LocalStepFunctions;
import dev.offboarding.local.RealWorkflow;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * IAM Access Analyzer's unused access finding for a user (events/eventbridge-access-analyzer-unused-access-finding.json,
 * as EventBridge delivers it) given to start-offboarding starts OffboardUser, whose real definition runs on the local
 * engine with the real functions: the user is quarantined, not deleted. For the quarantine's 30 days it exists,
 * locked out: AWSDenyAll attached, its access key inactive, its console password kept; nothing is deleted. The run is
 * stopped when it looks at the user again after the quarantine.
 */
class AnUnusedAccessFindingQuarantinesItsUserThroughTheRealWorkflowTest {
    private static final Instant NOW = Instant.parse("2023-09-29T17:35:00Z");
    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";
    private static final String WORLD = """
            {"accountId": "123456789012", "now": "2023-09-29T17:35:00Z",
             "caller": {"arn": "arn:aws:iam::123456789012:role/offboarding-operator"},
             "users": [
               {"userName": "little_tester", "createDate": "2022-01-01T00:00:00Z",
                "passwordLastUsed": "2023-03-01T00:00:00Z", "loginProfile": {"createDate": "2022-01-02T00:00:00Z"},
                "accessKeys": [{"accessKeyId": "AKIAQLITTLETESTER001", "status": "Active",
                  "createDate": "2022-01-02T00:00:00Z",
                  "lastUsed": {"date": "2023-03-01T00:00:00Z", "serviceName": "s3", "region": "us-west-2"}}]}
             ]}
            """;

    @Test
    void theUserIsLockedOutForItsQuarantineAndStillExists() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        IamSimulator iam = IamSimulator.fromWorld(Json.mapper().readTree(WORLD), clock);
        LocalFunctions functions = new LocalFunctions(iam, clock, GuardSettings.defaults(), clock::advance,
                new MemoryRecordStore());
        Instant quarantineOver = NOW.plus(Duration.ofDays(StaleAccessQuarantine.DEFAULT_DAYS));
        iam.faults().crashAfter(call -> !call.at().isBefore(quarantineOver), EngineProcess::kill);
        JsonNode event = Json.mapper().readTree(Files.readString(RealWorkflow.STATEMACHINE.resolve(
                "../events/eventbridge-access-analyzer-unused-access-finding.json")));

        JsonNode started;
        try (LocalStepFunctions sfn = new LocalStepFunctions(Map.of("OffboardUser",
                RealWorkflow.STATEMACHINE.resolve("offboard-user.asl.json")), functions, clock)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new StartOffboardingHandler(sfn, WorkflowSettings.fromEnvironment(Map.of(
                    "STATE_MACHINE_ARN", "arn:aws:states:us-west-2:123456789012:stateMachine:OffboardUser",
                    "HOME_ACCOUNT_ID", "123456789012", "EVENT_SENDER_ACCOUNT_IDS", "123456789012"))).handleRequest(
                    new ByteArrayInputStream(event.toString().getBytes()), out, new LocalContext("start-offboarding"));
            started = Json.mapper().readTree(out.toByteArray());

            LocalEngineException stopped = assertThrows(LocalEngineException.class, sfn::onlyExecution);
            assertTrue(stopped.getMessage().startsWith("the local engine stopped without a result"),
                    stopped.getMessage());
        }

        assertEquals("STARTED", started.path("outcome").asText(), started::toString);
        assertEquals("event-" + event.path("id").asText(), started.path("executionName").asText());
        Call lookAfterTheQuarantine = iam.faults().crashedAfter().orElseThrow();
        assertFalse(lookAfterTheQuarantine.mutating(), lookAfterTheQuarantine::toString);
        assertEquals(List.of("AttachUserPolicy", "UpdateAccessKey"), iam.calls().mutating().stream()
                .map(Call::operation).toList(), "the lock-out, and nothing deleted");
        iam.faults().restart();
        assertTrue(iam.userExists("little_tester"));
        assertEquals(List.of(DENY_ALL), iam.listAttachedUserPolicies(r -> r.userName("little_tester"))
                .attachedPolicies().stream().map(AttachedPolicy::policyArn).toList());
        assertEquals(List.of(StatusType.INACTIVE), iam.listAccessKeys(r -> r.userName("little_tester"))
                .accessKeyMetadata().stream().map(k -> k.status()).toList());
        assertEquals("little_tester", iam.getLoginProfile(r -> r.userName("little_tester")).loginProfile().userName(),
                "the console password is kept in quarantine");
    }
}
