package dev.offboarding.selectusers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.offboarding.errors.CredentialReportNotReadyException;
import dev.offboarding.testing.SdkErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.CredentialReportExpiredException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.ListUsersRequest;

/**
 * No report, an expired one or one more than four hours old: GenerateCredentialReport, then the retryable
 * CredentialReportNotReadyException (the workflow retries with backoff). ReportInProgress: the same, without
 * generating again. In every case nothing is selected or written, and no user is listed.
 */
class ACredentialReportIsGeneratedWhenThereIsNoFreshOneTest {
    private final SimulatedAccount account = new SimulatedAccount().user("idle");

    @Test
    void noReportYetIsGenerated() {
        account.reportFails(CredentialReportNotPresentException.builder().statusCode(410)
                .awsErrorDetails(SdkErrors.details("ReportNotPresent", "Credential report not present")).build());

        assertNotReadyAfterGenerating("the account had none");
    }

    @Test
    void anExpiredReportIsGeneratedAgain() {
        account.reportFails(CredentialReportExpiredException.builder().statusCode(410)
                .awsErrorDetails(SdkErrors.details("ReportExpired", "Credential report expired")).build());

        assertNotReadyAfterGenerating("the last one had expired");
    }

    @Test
    void aReportMoreThanFourHoursOldIsGeneratedAgain() {
        account.report(SimulatedAccount.NOW.minus(Duration.ofHours(4)).minusSeconds(1),
                new CredentialReportCsv(SimulatedAccount.ACCOUNT));

        assertNotReadyAfterGenerating("more than 4 hours ago");
    }

    @Test
    void aReportFourHoursOldIsRead() {
        account.report(SimulatedAccount.NOW.minus(Duration.ofHours(4)), new CredentialReportCsv(SimulatedAccount.ACCOUNT)
                .noCredentials("idle", Instant.parse("2026-01-01T00:00:00Z")));

        account.select("{\"unusedForDays\": 30}");

        assertEquals(List.of("idle"), account.candidates());
        verify(account.iam, never()).generateCredentialReport(any(GenerateCredentialReportRequest.class));
    }

    @Test
    void aReportInProgressIsWaitedForWithoutGeneratingAnother() {
        account.reportFails(software.amazon.awssdk.services.iam.model.CredentialReportNotReadyException.builder().statusCode(404)
                .awsErrorDetails(SdkErrors.details("ReportInProgress", "Credential report is being generated"))
                .build());

        CredentialReportNotReadyException notReady = assertThrows(CredentialReportNotReadyException.class,
                () -> account.select("{\"unusedForDays\": 30}"));

        assertTrue(notReady.getMessage().contains("is being generated (IAM answered ReportInProgress)"),
                notReady.getMessage());
        assertTrue(notReady.retryable());
        verify(account.iam, never()).generateCredentialReport(any(GenerateCredentialReportRequest.class));
        assertNothingSelected();
    }

    private void assertNotReadyAfterGenerating(String why) {
        CredentialReportNotReadyException notReady = assertThrows(CredentialReportNotReadyException.class,
                () -> account.select("{\"unusedForDays\": 30}"));

        assertTrue(notReady.getMessage().startsWith("The IAM credential report of account 123456789012 is being"
                + " generated ("), notReady.getMessage());
        assertTrue(notReady.getMessage().contains(why + "; GenerateCredentialReport answered STARTED"),
                notReady.getMessage());
        assertTrue(notReady.retryable());
        verify(account.iam, times(1)).generateCredentialReport(any(GenerateCredentialReportRequest.class));
        assertNothingSelected();
    }

    private void assertNothingSelected() {
        assertEquals(List.of(), account.store.keys(""));
        verify(account.iam, never()).listUsers(any(ListUsersRequest.class));
    }
}
