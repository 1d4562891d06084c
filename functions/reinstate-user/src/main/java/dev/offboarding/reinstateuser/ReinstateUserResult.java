package dev.offboarding.reinstateuser;

import dev.offboarding.audit.Reinstatement;
import dev.offboarding.model.Outcome;
import dev.offboarding.records.RecordLocation;

/**
 * What a reinstate answers when it did not refuse: {@code REINSTATED} (or {@code DRY_RUN}, with every action the one
 * planned), what it did ({@link Reinstatement}) and where its record is.
 */
public record ReinstateUserResult(Outcome outcome, String userName, String accountId, boolean dryRun,
                                  Reinstatement reinstatement, RecordLocation record) {
}
