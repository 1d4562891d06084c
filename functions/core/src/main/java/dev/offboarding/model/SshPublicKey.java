package dev.offboarding.model;

import java.time.Instant;

public record SshPublicKey(String sshPublicKeyId, String status, Instant uploadDate) {
}
