package dev.offboarding.model;

import java.time.Instant;

/** GetAccessKeyLastUsed: date is null when the key was never used (IAM then says "N/A" for service and region). */
public record AccessKeyLastUse(Instant date, String serviceName, String region) {
    public static final AccessKeyLastUse UNKNOWN = new AccessKeyLastUse(null, null, null);
}
