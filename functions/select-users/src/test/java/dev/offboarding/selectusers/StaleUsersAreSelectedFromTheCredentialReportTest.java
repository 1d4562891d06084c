package dev.offboarding.selectusers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest;

/**
 * {@code unusedForDays}: the users whose every credential went unused that long, by the account's credential report
 * (as of when it was generated). A user the report does not show (created after it) is not stale, and neither is one
 * created again under the same name since.
 */
class StaleUsersAreSelectedFromTheCredentialReportTest {
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant GENERATED = Instant.parse("2026-12-01T10:00:00Z");
    private final SimulatedAccount account = new SimulatedAccount()
            .user("idle", "/", LONG_AGO)
            .user("busy", "/", LONG_AGO)
            .user("fresh", "/", Instant.parse("2026-12-01T11:00:00Z"))
            .user("again", "/", Instant.parse("2026-12-01T11:30:00Z"));

    @Test
    void usersWhoseCredentialsAllWentUnusedAreCandidates() {
        account.report(GENERATED, new CredentialReportCsv(SimulatedAccount.ACCOUNT)
                .password("idle", LONG_AGO, Instant.parse("2026-08-26T10:00:00Z"), LONG_AGO)
                .password("busy", LONG_AGO, Instant.parse("2026-11-30T09:00:00Z"), LONG_AGO)
                // "again" was deleted and created anew after the report: this row is its predecessor's.
                .noCredentials("again", LONG_AGO));

        account.select("{\"unusedForDays\": 90}");

        assertEquals(List.of("idle"), account.candidates());
        assertEquals(List.of("unused for 97 days: password last used 2026-08-26"), account.why("idle"));
        assertEquals(GENERATED.toString(), account.candidatesFile().get("reportGeneratedAt").asText());
        verify(account.iam, never()).generateCredentialReport(any(GenerateCredentialReportRequest.class));
    }
}
