package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import dev.offboarding.simulator.Call;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `offboard local --fleet` on an account whose IAM throttles the first UpdateAccessKey (the lock-out of the user's
 * key). A deployed function's SDK client retries a throttled call after a backoff (STANDARD: 3 attempts), and the
 * retry goes through, so the round is never interrupted. Without those retries the throttled write would end the
 * invocation and the workflow would run the round again, which the record keeps as an interrupted removal.
 */
class ALocalFleetRunRetriesThrottledCallsAsTheDeployedFunctionsDoTest {
    private static final String SCENARIO = """
            {"description": "One stale user in an account that throttles the first UpdateAccessKey.",
             "fleet": {"run": "throttled", "users": ["stale_user"], "dryRun": false, "requireApproval": false,
                       "maxShareOfAccount": 100, "reason": "left", "requestedBy": "security"},
             "world": {"accounts": [{"accountId": "123456789012", "now": "2026-11-20T12:00:00Z",
               "caller": {"arn": "arn:aws:sts::123456789012:assumed-role/offboarding-functions/local"},
               "faults": {"throttle": {"UpdateAccessKey": 1}},
               "users": [{"userName": "stale_user", "createDate": "2025-01-01T00:00:00Z",
                          "passwordLastUsed": "2025-06-01T00:00:00Z",
                          "loginProfile": {"createDate": "2025-01-02T00:00:00Z"},
                          "accessKeys": [{"accessKeyId": "AKIAQTHROTTLED000001", "status": "Active",
                                          "createDate": "2025-01-02T00:00:00Z",
                                          "lastUsed": {"date": "2025-05-01T00:00:00Z", "serviceName": "s3",
                                                       "region": "eu-west-1"}}]}]}]},
             "engine": {"noWaits": true}}
            """;

    @TempDir
    Path folder;

    @Test
    void aThrottledWriteIsRetriedWithinTheFunctionAndTheRemovalRoundIsNeverInterrupted() throws IOException {
        Path scenario = Files.writeString(folder.resolve("throttled.json"), SCENARIO);
        Path records = folder.resolve("records");
        LocalCommand local = new LocalCommand();

        CommandRun run = CommandRun.using(local, "local", "--fleet", scenario.toString(), "--json",
                "--records", records.toString());

        JsonNode report = Json.mapper().readTree(run.out());
        JsonNode user = report.path("users").path(0);
        assertEquals("DELETED", user.path("outcome").asText(), run.out() + run.err());
        List<Call> calls = local.fleetRun.organization.home().calls().all();
        assertEquals(List.of("Throttling", "OK"), calls.stream()
                .filter(call -> call.operation().equals("UpdateAccessKey")).map(Call::outcome).toList(),
                "IAM throttled the write once, and its retry went through: " + calls);
        JsonNode record = Json.mapper().readTree(Files.readString(records.resolve(user.path("record").asText())));
        assertTrue(record.path("interruptedRemovals").isNull(), "no round was interrupted: "
                + record.path("interruptedRemovals"));
    }
}
