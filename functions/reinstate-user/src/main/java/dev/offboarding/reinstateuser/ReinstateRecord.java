package dev.offboarding.reinstateuser;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.audit.Intent;
import dev.offboarding.audit.Reinstatement;
import dev.offboarding.json.Json;
import dev.offboarding.model.Outcome;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.records.RecordLocation;
import dev.offboarding.records.RecordStore;
import dev.offboarding.validation.Executions;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * This reinstate's own record, kept like an offboarding's: under the user's key prefix, at the key of its execution
 * ({@link RecordKeys}: the workflow's execution, or a name of its own when the function is invoked directly), an
 * {@link AuditRecord} whose {@code reinstatement} says what it did. The one place a reinstate's record is assembled.
 */
final class ReinstateRecord {
    private final RecordStore store;
    private final ReinstateUserRequest request;
    private final String accountId;
    private final Clock clock;
    private final Instant startedAt;
    private final String key;

    private ReinstateRecord(RecordStore store, ReinstateUserRequest request, String accountId, Clock clock,
                            Instant startedAt, String executionName) {
        this.store = store;
        this.request = request;
        this.accountId = accountId;
        this.clock = clock;
        this.startedAt = startedAt;
        this.key = RecordKeys.key(accountId, request.userName(), startedAt, executionName);
    }

    /** The record of {@code request}'s run: its execution's name and start, or a name of its own and now. */
    static ReinstateRecord of(RecordStore store, ReinstateUserRequest request, String accountId, Clock clock) {
        String execution = request.execution();
        String name = execution != null ? Executions.nameOf(execution) : "reinstate-" + UUID.randomUUID();
        Instant started = request.startedAt() != null ? request.startedAt()
                : clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new ReinstateRecord(store, request, accountId, clock, started, name);
    }

    /**
     * Refuses, before anything is written, a request whose {@code execution} and {@code startedAt} name a record that
     * is not this reinstate's own (another run's, an offboarding's): it would be written over.
     */
    void refuseAnotherRunsRecord() {
        Optional<byte[]> existing = store.get(key);
        if (existing.isEmpty()) {
            return;
        }
        AuditRecord there;
        try {
            there = Json.mapper().readValue(existing.get(), AuditRecord.class);
        } catch (IOException | RuntimeException unreadable) {
            there = null;
        }
        if (there == null || there.reinstatement() == null || request.execution() == null
                || !request.execution().equals(there.executionId())) {
            throw new InvalidRequestException("execution and startedAt name the record at " + key + ", which is not"
                    + " this reinstate's: they are set by the ReinstateUser workflow, leave them out");
        }
    }

    String key() {
        return key;
    }

    RecordLocation location() {
        return RecordLocation.of(store, key);
    }

    /** Written ahead of the first change: the plan, and that the changes are pending. */
    RecordLocation inProgress(Reinstatement plan) {
        return write(Outcome.IN_PROGRESS, plan, Intent.reinstating(clock.instant()), null, null);
    }

    RecordLocation ended(Outcome outcome, Reinstatement reinstatement) {
        return write(outcome, reinstatement, null, null, null);
    }

    RecordLocation failed(Outcome outcome, Reinstatement reinstatement, String error, String cause) {
        return write(outcome, reinstatement, null, error, cause);
    }

    private RecordLocation write(Outcome outcome, Reinstatement reinstatement, Intent pending, String error,
                                 String cause) {
        AuditRecord record = new AuditRecord(outcome, request.userName(), accountId, request.reason(),
                request.requestedBy(), null, false, false, 0, null, null, null, List.of(), null, 0, 0, null,
                request.execution(), startedAt, clock.instant(), pending, error, cause, null, reinstatement);
        try {
            store.put(key, Json.mapper().writeValueAsBytes(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the reinstate record of " + request.userName() + " cannot be written as"
                    + " JSON", e);
        }
        return location();
    }
}
