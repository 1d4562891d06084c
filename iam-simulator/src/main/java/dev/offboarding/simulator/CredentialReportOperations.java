package dev.offboarding.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportFormatType;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/**
 * The account's credential report. IAM generates a new one only when there is none or the newest is four hours
 * old; otherwise GenerateCredentialReport leaves the existing one alone. A report is a snapshot of when its
 * generation started and can be read once its generation time has passed, until it is four hours old.
 */
final class CredentialReportOperations {

    /** How often IAM generates a report at most, and how long GetCredentialReport serves one. */
    static final Duration REGENERATE_AFTER = Duration.ofHours(4);
    static final Duration DEFAULT_GENERATION_TIME = Duration.ofSeconds(5);

    private final Account account;

    CredentialReportOperations(Account account) {
        this.account = account;
    }

    GenerateCredentialReportResponse generateCredentialReport(GenerateCredentialReportRequest request) {
        Instant now = account.now();
        CredentialReport newest = account.credentialReport;
        if (newest == null || isOld(newest, now)) {
            account.credentialReport = new CredentialReport(now, now.plus(account.credentialReportGeneration),
                    CredentialReportCsv.of(account));
            return answer(ReportStateType.STARTED, newest == null
                    ? "No report exists. Starting a new report generation task"
                    : "The newest report is more than four hours old. Starting a new report generation task");
        }
        if (!newest.readyAt(now)) {
            return answer(ReportStateType.INPROGRESS, "Report generation is in progress");
        }
        return answer(ReportStateType.COMPLETE, "Report generated " + CredentialReportCsv.time(newest.generatedAt()));
    }

    GetCredentialReportResponse getCredentialReport(GetCredentialReportRequest request) {
        Instant now = account.now();
        CredentialReport newest = account.credentialReport;
        if (newest == null) {
            throw IamErrors.reportNotPresent();
        }
        if (!newest.readyAt(now)) {
            throw IamErrors.reportInProgress();
        }
        if (isOld(newest, now)) {
            throw IamErrors.reportExpired();
        }
        return GetCredentialReportResponse.builder()
                .content(SdkBytes.fromString(newest.csv(), StandardCharsets.UTF_8))
                .reportFormat(ReportFormatType.TEXT_CSV)
                .generatedTime(newest.generatedAt())
                .build();
    }

    private static boolean isOld(CredentialReport report, Instant now) {
        return !now.isBefore(report.generatedAt().plus(REGENERATE_AFTER));
    }

    private static GenerateCredentialReportResponse answer(ReportStateType state, String description) {
        return GenerateCredentialReportResponse.builder().state(state).description(description).build();
    }
}
