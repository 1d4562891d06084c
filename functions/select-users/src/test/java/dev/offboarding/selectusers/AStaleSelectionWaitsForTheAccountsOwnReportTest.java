package dev.offboarding.selectusers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.CredentialReportNotReadyException;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole path against the simulated account's own GetAccountSummary and credential report: no report yet, so it
 * is generated and the selection is not ready; while IAM writes it, still not ready; once written, the stale users
 * are the candidates.
 */
class AStaleSelectionWaitsForTheAccountsOwnReportTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final IamSimulator iam = new IamSimulator(clock);
    private final MemoryRecordStore store = new MemoryRecordStore();

    @Test
    void theReportIsGeneratedWaitedForThenRead() throws Exception {
        iam.createUser(r -> r.userName("idle"));
        iam.createUser(r -> r.userName("busy"));
        iam.createLoginProfile(r -> r.userName("busy").password("Correct-Horse-1"));
        clock.set(SimulatedAccount.NOW);
        iam.passwordUsed("busy", SimulatedAccount.NOW.minus(Duration.ofDays(2)));
        SelectUsersHandler handler = new SelectUsersHandler(new IamGateway(iam), iam.accountId(), store, from -> {
            throw new AssertionError("no users file");
        }, clock);
        String input = SimulatedAccount.input("{\"unusedForDays\": 90}");

        assertThrows(CredentialReportNotReadyException.class, () -> invoke(handler, input), "none yet: generated");
        clock.advance(Duration.ofSeconds(1));
        assertThrows(CredentialReportNotReadyException.class, () -> invoke(handler, input), "being written");
        assertEquals(List.of(), store.keys(""));
        clock.advance(Duration.ofSeconds(10));

        JsonNode output = invoke(handler, input);

        assertEquals(2, output.get("accountUsers").asInt());
        assertEquals(1, output.get("candidates").asInt());
        JsonNode file = Json.mapper().readTree(store.get(output.get("key").asText()).orElseThrow());
        assertEquals("idle", file.get("candidates").get(0).get("userName").asText());
        assertEquals(1, iam.calls().count("GenerateCredentialReport"));
    }

    private static JsonNode invoke(SelectUsersHandler handler, String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out,
                new LocalContext("select-users"));
        return Json.mapper().readTree(out.toByteArray());
    }
}
