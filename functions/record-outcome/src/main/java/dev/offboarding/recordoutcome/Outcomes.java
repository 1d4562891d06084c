package dev.offboarding.recordoutcome;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.audit.Intent;
import dev.offboarding.audit.RemovalRound;
import dev.offboarding.audit.WouldRefuse;
import dev.offboarding.decision.Decision;
import dev.offboarding.decision.Guard;
import dev.offboarding.decision.Phase;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.model.DeletionOutcome;
import dev.offboarding.model.Outcome;
import dev.offboarding.model.RemovedItem;
import dev.offboarding.model.UserInventory;
import dev.offboarding.validation.OffboardingRequest;
import java.time.Instant;
import java.util.List;

/** The one place that assembles a run's record: while it runs, and at its end with how the execution ends. */
final class Outcomes {
    private Outcomes() {
    }

    /** How the run ends, with its final record (a refused or failed run's too), as of {@code now}. */
    static Conclusion of(RunState run, Instant now) {
        Conclusion conclusion = decided(run, now);
        if (!conclusion.failed()) {
            return conclusion;
        }
        boolean refused = run.failure() == null && run.latest() != null
                && run.latest().decision().kind() == dev.offboarding.decision.DecisionKind.REFUSE;
        RunLog log = run.log();
        AuditRecord record = record(run, refused ? Outcome.REFUSED : Outcome.FAILED, null, null,
                Rounds.inOrder(log.rounds()), interrupted(log), log.deleteUserCalls(), null, now, null,
                conclusion.error(), conclusion.cause());
        return conclusion.withRecord(record);
    }

    /** The record of a run that has not ended, about to do {@code pending} (null: nothing in flight). */
    static AuditRecord inProgress(RunState run, Intent pending, Instant now) {
        RunLog log = run.log();
        return record(run, Outcome.IN_PROGRESS, null, null, Rounds.inOrder(log.rounds()), interrupted(log),
                log.deleteUserCalls(), null, now, pending, null, null);
    }

    private static JsonNode interrupted(RunLog log) {
        return log.interrupted() == null || log.interrupted().isNull() ? null : log.interrupted();
    }

    private static Conclusion decided(RunState run, Instant now) {
        RunLog log = run.log();
        List<RemovalRound> done = Rounds.inOrder(log.rounds());
        JsonNode interrupted = interrupted(log);
        if (run.failure() != null) {
            return Failures.of(run.failure(), done, interrupted);
        }
        if (run.latest() == null) {
            throw unfinished(run, "it has neither a failure nor an inventory");
        }
        Decision decision = run.latest().decision();
        UserInventory latest = run.latest().inventory();
        String userName = run.request().userName();
        return switch (decision.kind()) {
            case ABSENT -> Conclusion.succeeded(record(run, Outcome.ALREADY_ABSENT, null, null, done, interrupted,
                    log.deleteUserCalls(), null, now, null, null, null));
            case REFUSE -> Conclusion.failed(decision.refusedBy().error(),
                    Causes.refusal(decision.refusedBy(), decision.phase(), userName, latest, done));
            case DRY_RUN -> Conclusion.succeeded(dryRun(run, decision.refusedBy(), done, now));
            case GIVE_UP -> Conclusion.failed("Offboarding.DeleteConflictPersists",
                    Causes.conflictPersists(userName, log.sweeps(), latest, log.lastConflict(), done));
            case REMOVE -> deleted(run, done, interrupted, now);
            case LOCK_OUT -> throw unfinished(run, "its latest decision is a lock-out");
        };
    }

    private static Conclusion deleted(RunState run, List<RemovalRound> done, JsonNode interrupted, Instant now) {
        Deletion deletion = run.deletion();
        if (deletion == null || deletion.outcome() == DeletionOutcome.STILL_CONFLICTING) {
            throw unfinished(run, "its removal was not followed by a deletion");
        }
        Outcome outcome = deletion.outcome() == DeletionOutcome.DELETED ? Outcome.DELETED : Outcome.ALREADY_ABSENT;
        return Conclusion.succeeded(record(run, outcome, null, null, done, interrupted,
                run.log().deleteUserCalls() + deletion.attempt() + 1, deletion.at(), now, null, null, null));
    }

    private static AuditRecord dryRun(RunState run, Guard wouldTrip, List<RemovalRound> rounds, Instant now) {
        if (rounds.size() != 1) {
            throw unfinished(run, "a dry run has exactly one planned round, not " + rounds.size());
        }
        WouldRefuse wouldRefuse = wouldTrip == null ? null : wouldRefuse(wouldTrip, run);
        return record(run, Outcome.DRY_RUN, rounds.get(0).items(), wouldRefuse, List.of(), null, 0, null, now, null,
                null, null);
    }

    private static WouldRefuse wouldRefuse(Guard guard, RunState run) {
        UserInventory inventory = run.latest().inventory();
        String cause = Causes.refusal(guard, Phase.FIRST, run.request().userName(), inventory, List.of());
        return switch (guard) {
            case PROTECTED -> new WouldRefuse(guard.error(), cause, inventory.user().tags(), null, null);
            case PRIVILEGED -> new WouldRefuse(guard.error(), cause, null, inventory.privilegeReasons(), null);
            case RECENTLY_ACTIVE -> new WouldRefuse(guard.error(), cause, null, null, inventory.lastActivity());
        };
    }

    private static AuditRecord record(RunState run, Outcome outcome, List<RemovedItem> plan,
                                      WouldRefuse wouldRefuse, List<RemovalRound> removed, JsonNode interrupted,
                                      int deleteUserAttempts, Instant deletedAt, Instant now, Intent pending,
                                      String error, String cause) {
        OffboardingRequest r = run.request();
        int sweeps = outcome == Outcome.DRY_RUN ? 0 : run.log().sweeps();
        return new AuditRecord(outcome, r.userName(), r.accountId(), r.reason(), r.requestedBy(), r.trigger(),
                Boolean.TRUE.equals(r.force()), Boolean.TRUE.equals(r.allowPrivileged()),
                r.quarantine(), run.inventory(), plan, wouldRefuse, removed,
                interrupted, deleteUserAttempts, sweeps, deletedAt, run.execution(), run.startedAt(), now, pending,
                error, cause, run.recovery(), null);
    }

    private static InvalidRequestException unfinished(RunState run, String why) {
        return new InvalidRequestException("the run of " + run.request().userName() + " is not finished: " + why
                + "; record-outcome takes the workflow's state at one of its ends");
    }
}
