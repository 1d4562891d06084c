package dev.offboarding.audit;

import java.util.List;

/**
 * What a reinstate did to undo one lock-out (the {@code reinstatement} of its record; null in an offboarding's
 * record): the lock-out's record and execution, what became of that execution (which was waiting out the
 * quarantine), each credential the lock-out deactivated and what this run did to it, the deny of every action it
 * lifted (and the boundary it put back), the console password, and what cannot come back. In a dry run, and in the
 * record written ahead of the changes, each action is the one planned ({@code WOULD_...}). {@code reinstatedBefore}
 * is the record of an earlier reinstate of the same lock-out that ended REINSTATED: this one went over the same steps
 * again. What a refused run did not get to is null (or empty). Identifiers only, never a secret.
 */
public record Reinstatement(String lockOutRecord, String lockOutExecution, QuarantineStop quarantineExecution,
                            List<ReactivatedItem> reactivated, DenyLift deny, ConsolePassword consolePassword,
                            List<Unrecoverable> cannotComeBack, String reinstatedBefore) {
    public Reinstatement {
        reactivated = reactivated == null ? List.of() : List.copyOf(reactivated);
        cannotComeBack = cannotComeBack == null ? List.of() : List.copyOf(cannotComeBack);
    }

    /** A refusal that found no lock-out to undo. */
    public static Reinstatement nothingFound() {
        return new Reinstatement(null, null, null, List.of(), null, null, List.of(), null);
    }

    /** A refusal of the lock-out in {@code record}, before anything was planned. */
    public static Reinstatement of(String record, String execution) {
        return new Reinstatement(record, execution, null, List.of(), null, null, List.of(), null);
    }
}
