package dev.offboarding.model;

import java.time.Instant;
import java.util.List;

/** What GetUser says of the user: none of it blocks deletion, all of it belongs in the audit record. */
public record UserDetails(
        String arn,
        String userId,
        String path,
        Instant createDate,
        Instant passwordLastUsed,
        String permissionsBoundary,
        List<Tag> tags) {

    public UserDetails {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public boolean hasTag(String key, String value) {
        return tags.stream().anyMatch(t -> t.key().equals(key) && t.value() != null && t.value().equalsIgnoreCase(value));
    }
}
