package dev.offboarding.deleteuser;

import dev.offboarding.model.Outcome;
import java.time.Instant;

/** {@code outcome} is DELETED or ALREADY_ABSENT; {@code at} is when DeleteUser answered. */
public record DeleteUserResult(String userName, Outcome outcome, Instant at) {
}
