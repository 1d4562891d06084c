package dev.offboarding.errors;

/**
 * The account's IAM credential report is being generated: there was none, it had expired or it was more than four
 * hours old, so GenerateCredentialReport was called (or IAM answered ReportInProgress). IAM takes seconds to minutes
 * to write it, so the workflow retries the selection with backoff. Nothing was selected and nothing written.
 */
public final class CredentialReportNotReadyException extends OffboardingException {
    public CredentialReportNotReadyException(String accountId, String why) {
        super("The IAM credential report of account " + accountId + " is being generated (" + why + "); the"
                + " selection by unusedForDays reads it, so retry in a few seconds (the workflow retries with"
                + " backoff). Nothing was selected.");
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
