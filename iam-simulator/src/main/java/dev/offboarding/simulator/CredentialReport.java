package dev.offboarding.simulator;

import java.time.Instant;

/**
 * A credential report as IAM keeps it: a snapshot of the account's users taken when its generation started
 * ({@code generatedAt}), readable from {@code readyAt} on. Holds no secret.
 */
record CredentialReport(Instant generatedAt, Instant readyAt, String csv) {

    boolean readyAt(Instant now) {
        return !now.isBefore(readyAt);
    }
}
