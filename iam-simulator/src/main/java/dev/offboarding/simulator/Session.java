package dev.offboarding.simulator;

import java.time.Instant;

/**
 * Temporary credentials of an IAM user, as GetSessionToken issues them, known by their access key id only: the
 * simulator never makes a secret access key or a session token for them, so none can leak.
 *
 * @param accessKeyId {@code ASIA...}, unique in the account
 * @param userName    the user the session belongs to
 * @param issuedAt    when it was issued
 * @param expiresAt   when its requests start to be refused as expired
 */
public record Session(String accessKeyId, String userName, Instant issuedAt, Instant expiresAt) {
}
