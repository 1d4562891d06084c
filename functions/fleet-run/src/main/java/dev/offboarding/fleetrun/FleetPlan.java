package dev.offboarding.fleetrun;

import java.time.Instant;
import java.util.List;

/**
 * {@code F/plan.json}: what the fleet would do, user by user, as its dry runs found it; the counts per account; and
 * why the limits refuse it ({@code limitExceeded}, null when they do not).
 */
record FleetPlan(String run, String fleetExecution, Instant createdAt, Limits limits, int wouldOffboard, int refused,
                 List<AccountPlan> accounts, List<PlannedUser> users, String limitExceeded) {
}
