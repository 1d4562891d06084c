package dev.offboarding.simulator;

import java.time.Duration;
import java.time.Instant;

import software.amazon.awssdk.services.iam.model.LoginProfile;

/**
 * A console password (the password itself is never kept).
 *
 * @param unmodifiableUntil a world file's explicit end of the "being created" window, or null
 */
record LoginProfileRecord(Instant createDate, boolean passwordResetRequired, Instant unmodifiableUntil) {

    /** IAM refuses to delete a profile for a while after creating it. */
    boolean isSettling(Instant now, Duration settle) {
        Instant settledAt = createDate.plus(settle);
        if (unmodifiableUntil != null && unmodifiableUntil.isAfter(settledAt)) {
            settledAt = unmodifiableUntil;
        }
        return now.isBefore(settledAt);
    }

    LoginProfile toSdk(String userName) {
        return LoginProfile.builder()
                .userName(userName)
                .createDate(createDate)
                .passwordResetRequired(passwordResetRequired)
                .build();
    }
}
