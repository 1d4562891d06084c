package dev.offboarding.selectusers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tags}: a user must carry every one, each with exactly its value (IAM keeps keys unique ignoring case). */
class TagsSelectTheUsersCarryingEveryOneTest {
    private final SimulatedAccount account = new SimulatedAccount()
            .user("alice").tag("alice", "team", "payments").tag("alice", "kind", "contractor")
            .user("bob").tag("bob", "team", "payments")
            .user("carol").tag("carol", "Team", "payments").tag("carol", "kind", "contractor")
            .user("dave").tag("dave", "team", "Payments").tag("dave", "kind", "contractor")
            .user("erin");

    @Test
    void onlyUsersCarryingEveryTagAreCandidates() {
        account.select("{\"tags\": [{\"key\": \"team\", \"value\": \"payments\"},"
                + " {\"key\": \"kind\", \"value\": \"contractor\"}]}");

        assertEquals(List.of("alice", "carol"), account.candidates(), "dave's value differs in case; bob lacks kind");
        assertEquals(List.of("tag team=payments", "tag kind=contractor"), account.why("alice"));
    }

    @Test
    void everyPageOfAUsersTagsIsRead() {
        account.simulator.pageSize(1);

        account.select("{\"tags\": [{\"key\": \"kind\", \"value\": \"contractor\"}]}");

        assertEquals(List.of("alice", "carol", "dave"), account.candidates());
    }
}
