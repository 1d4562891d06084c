package dev.offboarding.checkroleusable;

import java.time.Instant;
import java.util.List;

/**
 * The role passed every check this time. {@code usable} once {@code successes} (consecutive, this one included)
 * reaches {@code requiredSuccesses}; until then the workflow waits briefly and checks again, passing
 * {@code successes} back. {@code deadline} is null without a start time.
 */
public record CheckRoleUsableResult(String roleArn, boolean usable, int successes, int requiredSuccesses,
                                    List<RoleCheck> passed, Instant checkedAt, Instant deadline) {
    public CheckRoleUsableResult {
        passed = List.copyOf(passed);
    }
}
