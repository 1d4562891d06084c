package dev.offboarding.selectusers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * events/select-users.json (usable with sam local invoke) is an input select-users accepts and acts on, and
 * events/select-users-output.json is what it answers to it.
 */
class TheExampleEventIsAcceptedTest {
    private static final Path EVENT = Path.of("..", "..", "events", "select-users.json");
    private static final Path OUTPUT = Path.of("..", "..", "events", "select-users-output.json");

    @Test
    void theExampleSelectsTheStalePaymentsContractor() throws Exception {
        Instant longAgo = Instant.parse("2026-01-01T00:00:00Z");
        SimulatedAccount account = new SimulatedAccount()
                .user("alice", "/contractors/", longAgo).tag("alice", "team", "payments")
                .user("bob", "/contractors/", longAgo).tag("bob", "team", "search");
        account.report(Instant.parse("2026-12-01T11:00:00Z"), new CredentialReportCsv(SimulatedAccount.ACCOUNT)
                .noCredentials("alice", longAgo).noCredentials("bob", longAgo));

        JsonNode output = account.invoke(Files.readString(EVENT));

        assertEquals(1, output.get("candidates").asInt());
        assertEquals("fleet/contractors-2026-12/contractors-2026-12-01/candidates/123456789012.json",
                output.get("key").asText());
        assertEquals(List.of("fleet/contractors-2026-12/contractors-2026-12-01/candidates/123456789012.json"),
                account.store.keys("fleet/"));
        assertEquals(Json.mapper().readTree(OUTPUT.toFile()), output, "events/select-users-output.json is not what"
                + " select-users answers to events/select-users.json; it answers " + output);
    }
}
