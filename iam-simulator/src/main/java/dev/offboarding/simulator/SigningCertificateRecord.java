package dev.offboarding.simulator;

import java.time.Instant;

import software.amazon.awssdk.services.iam.model.SigningCertificate;

/** An X.509 signing certificate (public material only). */
record SigningCertificateRecord(String certificateId, String certificateBody, String status, Instant uploadDate,
                                long sequence) {

    SigningCertificateRecord withStatus(String newStatus) {
        return new SigningCertificateRecord(certificateId, certificateBody, newStatus, uploadDate, sequence);
    }

    SigningCertificate toSdk(String userName) {
        return SigningCertificate.builder()
                .userName(userName)
                .certificateId(certificateId)
                .certificateBody(certificateBody)
                .status(status)
                .uploadDate(uploadDate)
                .build();
    }
}
