package dev.offboarding.simulator;

import java.time.Instant;

import software.amazon.awssdk.services.iam.model.SSHPublicKeyMetadata;

/** An SSH public key for CodeCommit (public material only). */
record SshPublicKeyRecord(String sshPublicKeyId, String body, String status, Instant uploadDate, long sequence) {

    SshPublicKeyRecord withStatus(String newStatus) {
        return new SshPublicKeyRecord(sshPublicKeyId, body, newStatus, uploadDate, sequence);
    }

    SSHPublicKeyMetadata toSdk(String userName) {
        return SSHPublicKeyMetadata.builder()
                .userName(userName)
                .sshPublicKeyId(sshPublicKeyId)
                .status(status)
                .uploadDate(uploadDate)
                .build();
    }
}
