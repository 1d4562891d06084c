package dev.offboarding.selectusers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code users}: the named users the account has, as IAM spells them (names are unique ignoring case); the others are
 * listed as not found. The candidates go to the record store; the workflow gets their number and the key.
 */
class AnExplicitListSelectsTheNamedUsersTheAccountHasTest {
    private final SimulatedAccount account = new SimulatedAccount().user("alice").user("Bob").user("dave");

    @Test
    void theNamedUsersAreCandidatesAndTheMissingOnesAreNotFound() {
        JsonNode output = account.select("{\"users\": [\"alice\", \"carol\", \"bob\"]}");

        assertEquals(List.of("alice", "Bob"), account.candidates());
        assertEquals(List.of("carol"), SimulatedAccount.names(account.candidatesFile().get("notFound"), null));
        assertEquals(List.of("named in users"), account.why("Bob"));
        assertEquals(SimulatedAccount.ACCOUNT, output.get("accountId").asText());
        assertEquals(3, output.get("accountUsers").asInt());
        assertEquals(2, output.get("candidates").asInt());
        assertEquals(1, output.get("notFound").asInt());
        assertEquals(SimulatedAccount.candidatesKey(), output.get("key").asText());
    }

    @Test
    void theCandidatesFileSaysWhereAndWhen() {
        account.select("{\"users\": [\"dave\"]}");

        JsonNode file = account.candidatesFile();
        assertEquals(SimulatedAccount.ACCOUNT, file.get("accountId").asText());
        assertEquals(3, file.get("accountUsers").asInt());
        assertEquals(SimulatedAccount.NOW.toString(), file.get("selectedAt").asText());
        assertEquals(true, file.get("reportGeneratedAt").isNull(), "no staleness, no report");
        assertEquals(List.of("fleet/fleet-2026-12-01/fleet-2026-12-01/candidates/123456789012.json"),
                account.store.keys("fleet/"));
    }

    @Test
    void noneOfTheNamedUsersThereIsAnEmptySelectionWithEveryNameNotFound() {
        JsonNode output = account.select("{\"users\": [\"zoe\", \"yann\"]}");

        assertEquals(List.of(), account.candidates());
        assertEquals(2, output.get("notFound").asInt());
    }
}
