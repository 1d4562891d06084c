package dev.offboarding.model;

import java.time.Instant;

/** An access key's id and metadata. The secret is only ever returned by CreateAccessKey, which is never called. */
public record AccessKey(String accessKeyId, String status, Instant createDate, AccessKeyLastUse lastUsed) {

    public boolean active() {
        return "Active".equals(status);
    }

    public AccessKey withLastUsed(AccessKeyLastUse use) {
        return new AccessKey(accessKeyId, status, createDate, use);
    }
}
