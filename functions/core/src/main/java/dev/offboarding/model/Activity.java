package dev.offboarding.model;

import java.time.Instant;

/** The most recent use of a credential: which one, when, and (for an access key) where. */
public record Activity(Instant at, BlockerKind kind, String id, String serviceName, String region) {

    public String describe() {
        String where = serviceName == null || "N/A".equals(serviceName) ? "" : " (" + serviceName
                + (region == null || "N/A".equals(region) ? "" : " in " + region) + ")";
        return kind.description() + " " + id + " last used " + at + where;
    }
}
