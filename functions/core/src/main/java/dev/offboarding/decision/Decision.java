package dev.offboarding.decision;

import dev.offboarding.model.RemovalMode;

/**
 * What happens next, and everything the workflow needs to do it: it branches on {@code kind} alone and hands
 * {@code mode}, {@code dryRun} and {@code quarantineDays} to remove-tokens as they are. {@code refusedBy} is the
 * guard that refuses (REFUSE) or would refuse (DRY_RUN), else null; {@code mode} is null when nothing is removed.
 */
public record Decision(DecisionKind kind, Phase phase, RemovalMode mode, boolean dryRun, int quarantineDays,
                       Guard refusedBy) {

    static Decision absent(Phase phase) {
        return new Decision(DecisionKind.ABSENT, phase, null, false, 0, null);
    }

    static Decision refuse(Phase phase, Guard guard) {
        return new Decision(DecisionKind.REFUSE, phase, null, false, 0, guard);
    }

    static Decision dryRun(Guard wouldRefuse) {
        return new Decision(DecisionKind.DRY_RUN, Phase.FIRST, RemovalMode.REMOVE, true, 0, wouldRefuse);
    }

    static Decision lockOut(int quarantineDays) {
        return new Decision(DecisionKind.LOCK_OUT, Phase.FIRST, RemovalMode.LOCK_OUT, false, quarantineDays, null);
    }

    static Decision remove(Phase phase) {
        return new Decision(DecisionKind.REMOVE, phase, RemovalMode.REMOVE, false, 0, null);
    }

    static Decision giveUp() {
        return new Decision(DecisionKind.GIVE_UP, Phase.LAST, null, false, 0, null);
    }
}
