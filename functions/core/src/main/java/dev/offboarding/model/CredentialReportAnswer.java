package dev.offboarding.model;

import java.time.Instant;

/**
 * What GetCredentialReport answered: the report (when it was generated, its CSV text), or why there is none to read.
 */
public record CredentialReportAnswer(State state, Instant generatedTime, String csv) {
    public enum State {
        /** The report is there: {@code generatedTime} and {@code csv} are set. */
        READY,
        /** IAM answered ReportNotPresent: no report was ever generated (or it is gone). */
        NOT_PRESENT,
        /** IAM answered ReportExpired. */
        EXPIRED,
        /** IAM answered ReportInProgress: GenerateCredentialReport is still writing it. */
        IN_PROGRESS
    }

    public static CredentialReportAnswer ready(Instant generatedTime, String csv) {
        return new CredentialReportAnswer(State.READY, generatedTime, csv);
    }

    public static CredentialReportAnswer none(State state) {
        return new CredentialReportAnswer(state, null, null);
    }
}
