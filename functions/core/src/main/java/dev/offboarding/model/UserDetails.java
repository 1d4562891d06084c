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

    /**
     * Whether the user carries a tag with this key, compared ignoring case, whatever its value. Used for protection,
     * where the safe reading wins: "Offboarding:Protected", a value of "yes", "" or even "false" all protect, because a
     * person who tagged the user meant something by it; removing the tag is how protection ends.
     */
    public boolean hasTagKey(String key) {
        return tags.stream().anyMatch(t -> t.key() != null && t.key().equalsIgnoreCase(key));
    }
}
