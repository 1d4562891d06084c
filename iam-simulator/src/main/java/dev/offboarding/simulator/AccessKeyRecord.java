package dev.offboarding.simulator;

import java.time.Instant;

import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;

/** An access key's metadata; its secret is handed out once at creation and never kept. */
record AccessKeyRecord(String accessKeyId, String status, Instant createDate, LastUse lastUsed, long sequence) {

    AccessKeyRecord withStatus(String newStatus) {
        return new AccessKeyRecord(accessKeyId, newStatus, createDate, lastUsed, sequence);
    }

    AccessKeyMetadata toSdk(String userName) {
        return AccessKeyMetadata.builder()
                .userName(userName)
                .accessKeyId(accessKeyId)
                .status(status)
                .createDate(createDate)
                .build();
    }
}
