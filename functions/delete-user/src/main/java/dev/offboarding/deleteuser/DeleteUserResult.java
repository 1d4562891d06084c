package dev.offboarding.deleteuser;

import dev.offboarding.model.DeletionOutcome;
import java.time.Instant;

/**
 * {@code at} is when DeleteUser answered; {@code attempt} echoes the request's attempt number (0 = first try), so the
 * workflow counts the calls it made. {@code conflict} is IAM's refusal when the outcome is STILL_CONFLICTING, else null.
 */
public record DeleteUserResult(String userName, DeletionOutcome outcome, Instant at, int attempt, String conflict) {
}
