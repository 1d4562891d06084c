package dev.offboarding.selectusers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code pathPrefix}: the users whose IAM path starts with it, and no other. */
class APathPrefixSelectsTheUsersUnderItTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private final SimulatedAccount account = new SimulatedAccount()
            .user("alice", "/contractors/", CREATED)
            .user("carol", "/contractors/emea/", CREATED)
            .user("bob", "/employees/", CREATED)
            .user("dave", "/", CREATED);

    @Test
    void theUsersUnderThePathAreCandidatesWithTheirPathAsTheWhy() {
        account.select("{\"pathPrefix\": \"/contractors/\"}");

        assertEquals(List.of("alice", "carol"), account.candidates());
        assertEquals(List.of("path /contractors/emea/"), account.why("carol"));
        assertEquals(4, account.candidatesFile().get("accountUsers").asInt());
    }

    @Test
    void theRootPathSelectsEveryUser() {
        account.select("{\"pathPrefix\": \"/\"}");

        assertEquals(List.of("alice", "bob", "carol", "dave"), account.candidates());
    }

    @Test
    void namedUsersOutsideThePathAreNotCandidatesAndNotFoundUnderIt() {
        account.select("{\"pathPrefix\": \"/contractors/\", \"users\": [\"alice\", \"bob\"]}");

        assertEquals(List.of("alice"), account.candidates());
        assertEquals(List.of("named in users", "path /contractors/"), account.why("alice"));
        assertEquals(List.of("bob"), SimulatedAccount.names(account.candidatesFile().get("notFound"), null));
    }
}
