package dev.offboarding.recordoutcome;

import dev.offboarding.model.DeletionOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** delete-user's last answer in this execution; {@code attempt} is its retry count (0 = the first call). */
public record Deletion(DeletionOutcome outcome, Instant at, int attempt, String conflict) {
    /** What the audit record says of the deletion must be there: its outcome and when. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (outcome == null) {
            problems.add("deletion.outcome is required: delete-user's outcome, DELETED, ALREADY_ABSENT or"
                    + " STILL_CONFLICTING");
        }
        if (at == null) {
            problems.add("deletion.at is required: when DeleteUser answered, e.g. \"2026-11-20T12:00:04Z\"");
        }
        return problems;
    }
}
