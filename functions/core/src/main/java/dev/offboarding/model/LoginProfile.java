package dev.offboarding.model;

import java.time.Instant;

/** The user's console password. Its existence is all IAM tells; the password itself is never readable. */
public record LoginProfile(Instant createDate, Boolean passwordResetRequired) {
}
