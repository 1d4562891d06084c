package dev.offboarding.model;

import java.time.Instant;

/** A credential for one service (CodeCommit, Keyspaces, Bedrock, ...): any service IAM reports is kept as it is. */
public record ServiceSpecificCredential(
        String serviceSpecificCredentialId,
        String serviceName,
        String serviceUserName,
        String status,
        Instant createDate,
        Instant expirationDate) {
}
