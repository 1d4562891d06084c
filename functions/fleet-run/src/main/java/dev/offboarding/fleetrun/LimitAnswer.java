package dev.offboarding.fleetrun;

import java.util.List;

/**
 * LIMIT's answer: the offboard phase's accounts (those with users to offboard), the counts, the plan's key, and the
 * sentence of a limit exceeded (null when within the limits; a dry run is not refused for it).
 */
record LimitAnswer(Phase phase, int wouldOffboard, int refused, String planKey, List<PhaseAccount> accounts,
                   String limitExceeded) implements StageAnswer {
}
