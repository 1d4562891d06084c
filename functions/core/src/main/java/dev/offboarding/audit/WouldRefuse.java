package dev.offboarding.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.offboarding.model.Activity;
import dev.offboarding.model.Tag;
import java.util.List;

/**
 * The guard a dry run would trip: its error and Cause as a real run would fail with them, and the fact behind it
 * (the user's tags, the privilege reasons, or the last activity; only that one is written).
 */
public record WouldRefuse(
        String error,
        String cause,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Tag> tags,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> privilegeReasons,
        @JsonInclude(JsonInclude.Include.NON_NULL) Activity lastActivity) {
}
