package dev.offboarding.deleteuser;

import dev.offboarding.model.Outcome;
import java.time.Instant;

/**
 * {@code outcome} is DELETED or ALREADY_ABSENT; {@code at} is when DeleteUser answered; {@code attempt} echoes the
 * request's attempt number (0 = first try).
 */
public record DeleteUserResult(String userName, Outcome outcome, Instant at, int attempt) {
}
