package dev.offboarding.recordoutcome;

import dev.offboarding.model.DeletionOutcome;
import java.time.Instant;

/** delete-user's last answer in this execution; {@code attempt} is its retry count (0 = the first call). */
public record Deletion(DeletionOutcome outcome, Instant at, int attempt, String conflict) {
}
