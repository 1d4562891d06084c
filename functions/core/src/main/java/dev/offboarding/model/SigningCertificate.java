package dev.offboarding.model;

import java.time.Instant;

public record SigningCertificate(String certificateId, String status, Instant uploadDate) {
}
