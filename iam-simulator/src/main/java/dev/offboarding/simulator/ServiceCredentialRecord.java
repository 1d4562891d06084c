package dev.offboarding.simulator;

import java.time.Instant;

import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;

/** A service-specific credential's metadata; its password is handed out once at creation and never kept. */
record ServiceCredentialRecord(String serviceSpecificCredentialId, String serviceName, String serviceUserName,
                               String status, Instant createDate, Instant expirationDate, long sequence) {

    ServiceCredentialRecord withStatus(String newStatus) {
        return new ServiceCredentialRecord(serviceSpecificCredentialId, serviceName, serviceUserName, newStatus,
                createDate, expirationDate, sequence);
    }

    ServiceSpecificCredentialMetadata toSdk(String userName) {
        return ServiceSpecificCredentialMetadata.builder()
                .userName(userName)
                .serviceSpecificCredentialId(serviceSpecificCredentialId)
                .serviceName(serviceName)
                .serviceUserName(serviceUserName)
                .status(status)
                .createDate(createDate)
                .expirationDate(expirationDate)
                .build();
    }
}
