package dev.offboarding.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A world file can give its users live sessions, found again by name, as if each had called GetSessionToken. */
class SessionsDeclaredInAWorldFileAreIssuedAtLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = Fixtures.clock();

    @Test
    void eachDeclaredSessionIsIssuedWithGetSessionTokensDefaultsUnlessTheFileSaysOtherwise(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("world.json");
        Files.writeString(file, """
                {"users": [{"userName": "little_tester",
                  "attachedPolicies": [{"policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}],
                  "sessions": [{"name": "laptop"},
                               {"name": "ci", "issuedAt": "2026-11-20T11:50:00Z", "durationSeconds": 900}]}]}
                """);
        IamSimulator sim = IamSimulator.fromFile(file, clock).visibilityLag(Duration.ofMinutes(1));

        Session laptop = sim.sessions().named("little_tester", "laptop");
        Session ci = sim.sessions().named("LITTLE_TESTER", "ci");

        assertEquals("little_tester", laptop.userName());
        assertEquals(Fixtures.START, laptop.issuedAt());
        assertEquals(Fixtures.START.plus(Duration.ofHours(12)), laptop.expiresAt());
        assertEquals(Instant.parse("2026-11-20T12:05:00Z"), ci.expiresAt());
        assertNotEquals(laptop.accessKeyId(), ci.accessKeyId());
        assertTrue(laptop.accessKeyId().startsWith("ASIA"), laptop.accessKeyId());
        assertEquals(SessionDecision.ALLOWED, sim.sessions().decide(laptop, "s3:ListBucket"),
                "what the user starts with is enforced at once");
        assertEquals(List.of(), sim.calls().all(), "loading a world makes no calls");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(SessionDecision.EXPIRED, sim.sessions().decide(ci, "s3:ListBucket"));
        assertEquals(SessionDecision.ALLOWED, sim.sessions().decide(laptop, "s3:ListBucket"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sim.sessions().named("little_tester", "phone"));
        assertTrue(e.getMessage().startsWith("user little_tester has no session named \"phone\""), e.getMessage());
    }

    @Test
    void aBadSessionIsRefusedNamingItsPath() {
        assertMessage("users[0].sessions[0].name: required string is missing", "[{}]");
        assertMessage("users[0].sessions[0].name: expected 1 to 64 letters, digits or + = , . @ _ -, got \"my laptop\"",
                "[{\"name\": \"my laptop\"}]");
        assertMessage("users[0].sessions[1].name: session \"laptop\" is declared twice for user \"bob\"",
                "[{\"name\": \"laptop\"}, {\"name\": \"laptop\"}]");
        assertMessage("users[0].sessions[0].durationSeconds: expected 900 to 129600",
                "[{\"name\": \"ci\", \"durationSeconds\": 899}]");
        assertMessage("users[0].sessions[0].durationSeconds: expected 900 to 129600",
                "[{\"name\": \"ci\", \"durationSeconds\": 129601}]");
        assertMessage("users[0].sessions[0].issuedAt: must not be after the clock's time at load",
                "[{\"name\": \"ci\", \"issuedAt\": \"2026-11-20T12:00:01Z\"}]");
        assertMessage("unknown field \"users[0].sessions[0].secretAccessKey\"",
                "[{\"name\": \"ci\", \"secretAccessKey\": \"never\"}]");
    }

    private void assertMessage(String expectedStart, String sessions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IamSimulator.fromWorld(
                JSON.readTree("{\"users\": [{\"userName\": \"bob\", \"sessions\": " + sessions + "}]}"), clock));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
