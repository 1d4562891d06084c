package dev.offboarding.selectusers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every selector the request gives must hold for a user to be a candidate; the why names each. */
class SelectorsCombineWithAndTest {
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aCandidateIsNamedUnderThePathTaggedAndStale() {
        SimulatedAccount account = new SimulatedAccount()
                .user("alice", "/contractors/", LONG_AGO).tag("alice", "team", "payments")
                .user("bob", "/contractors/", LONG_AGO).tag("bob", "team", "payments")
                .user("carol", "/contractors/", LONG_AGO).tag("carol", "team", "search")
                .user("dave", "/employees/", LONG_AGO).tag("dave", "team", "payments")
                .user("erin", "/contractors/", LONG_AGO).tag("erin", "team", "payments");
        account.report(Instant.parse("2026-12-01T10:00:00Z"), new CredentialReportCsv(SimulatedAccount.ACCOUNT)
                .noCredentials("alice", LONG_AGO)
                .accessKey("bob", LONG_AGO, true, LONG_AGO, Instant.parse("2026-11-29T00:00:00Z"))
                .noCredentials("carol", LONG_AGO)
                .noCredentials("dave", LONG_AGO)
                .noCredentials("erin", LONG_AGO));

        account.select("{\"users\": [\"alice\", \"bob\", \"carol\", \"dave\"], \"pathPrefix\": \"/contractors/\","
                + " \"tags\": [{\"key\": \"team\", \"value\": \"payments\"}], \"unusedForDays\": 60}");

        // bob's key was used, carol is in another team, dave under another path, erin is not named.
        assertEquals(List.of("alice"), account.candidates());
        assertEquals(List.of("named in users", "path /contractors/", "tag team=payments",
                "unused for 334 days: no password and no active access key, user created 2026-01-01"),
                account.why("alice"));
        assertEquals(List.of("dave"), SimulatedAccount.names(account.candidatesFile().get("notFound"), null));
    }
}
