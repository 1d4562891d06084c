package dev.offboarding.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.model.Outcome;
import dev.offboarding.model.RemovedItem;
import dev.offboarding.model.UserInventory;
import dev.offboarding.validation.Recovery;
import dev.offboarding.validation.Trigger;
import java.time.Instant;
import java.util.List;

/**
 * The record of one offboarding: who asked for it and why, the user as it was ({@code inventory}, the first one
 * taken), and what was done. It is kept in the record store from the start of the run ({@code IN_PROGRESS}, with
 * {@code pending} saying what the run is about to do) to its end, and it is the execution's output when the run did
 * not fail. {@code plan} and {@code wouldRefuse} are a dry run's; {@code removed} lists every remove-tokens round in
 * order; {@code interruptedRemovals} the rounds that IAM interrupted midway, newest first, each with the error that
 * ended it (null if none); {@code deleteUserAttempts} counts every DeleteUser call, retries included; {@code error}
 * and {@code cause} are a refused or failed run's; {@code recoveredFrom} names the earlier unfinished run whose
 * leftovers this run finished. A reinstate keeps a record of the same shape ({@code reinstatement} set, see
 * {@link Reinstatement}; an offboarding's record has none, and is written without it), under the same user's key prefix. Identifiers and dates
 * only, never a secret. Schema: {@code schemas/audit-record.schema.json}.
 */
public record AuditRecord(
        Outcome outcome,
        String userName,
        String accountId,
        String reason,
        String requestedBy,
        Trigger trigger,
        boolean force,
        boolean allowPrivileged,
        int quarantineDays,
        UserInventory inventory,
        List<RemovedItem> plan,
        WouldRefuse wouldRefuse,
        List<RemovalRound> removed,
        JsonNode interruptedRemovals,
        int deleteUserAttempts,
        int sweeps,
        Instant deletedAt,
        String executionId,
        Instant startedAt,
        Instant updatedAt,
        Intent pending,
        String error,
        String cause,
        Recovery recoveredFrom,
        @JsonInclude(JsonInclude.Include.NON_NULL) Reinstatement reinstatement) {
}
