package dev.offboarding.reinstateuser;

import dev.offboarding.audit.ConsolePassword;
import dev.offboarding.audit.DenyLift;
import dev.offboarding.audit.QuarantineStop;
import dev.offboarding.audit.ReactivatedItem;
import dev.offboarding.audit.Reinstatement;
import dev.offboarding.audit.Unrecoverable;
import dev.offboarding.errors.ExecutionNotStoppedException;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.errors.NoLockOutRecordedException;
import dev.offboarding.errors.OffboardingException;
import dev.offboarding.errors.QuarantineAlreadyRemovingException;
import dev.offboarding.errors.RecordStoreUnavailableException;
import dev.offboarding.errors.UserGoneException;
import dev.offboarding.errors.UserRecreatedException;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateway.Removal;
import dev.offboarding.model.DenyAll;
import dev.offboarding.model.DenyAttachment;
import dev.offboarding.model.DenyMechanism;
import dev.offboarding.model.Outcome;
import dev.offboarding.model.RemovedItem;
import dev.offboarding.model.UserDetails;
import dev.offboarding.records.RecordLocation;
import dev.offboarding.records.RecordStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The steps of a reinstate, in this order, every refusal before the first change:
 * <ol>
 * <li>the user's newest offboarding record, which must hold a LOCK_OUT round and not show the offboarding moved on to
 * its removal;</li>
 * <li>GetUser: the user must still exist, with the user id the record names (not a user created again since);</li>
 * <li>the offboarding execution waiting out the quarantine is stopped if it still runs (only an execution of the
 * configured OffboardUser state machine; none is configured in a local run), and the record read again: the
 * execution may have moved on just before it was stopped;</li>
 * <li>what the lock-out deactivated is activated again, exactly that: a credential that was not Active before the
 * lock-out stays inactive;</li>
 * <li>the deny of every action is lifted, last: AWSDenyAll detached, or the boundary it replaced put back (or, when
 * there was none, removed). A deny that was in place before the lock-out is left.</li>
 * </ol>
 * A dry run (the default) makes only the reads (the records, GetUser, DescribeExecution) and writes its DRY_RUN record.
 * A real one writes its record IN_PROGRESS, with its plan, before the first change, and REINSTATED at the end. A
 * refusal or failure is recorded too (REFUSED, FAILED), except a malformed request and a store that refused. Every
 * step can be run again: a second reinstate of the same lock-out goes over the same steps and finds them done (it
 * activates again, though, a credential someone deactivated by hand in between).
 */
final class Reinstater {
    private final IamGateway iam;
    private final RecordStore store;
    /** Null when no OffboardUser state machine is configured: a local run, whose engine is not Step Functions. */
    private final OffboardingExecutions executions;
    private final String homeAccountId;
    private final Clock clock;

    Reinstater(IamGateway iam, RecordStore store, OffboardingExecutions executions, String homeAccountId,
               Clock clock) {
        this.iam = iam;
        this.store = store;
        this.executions = executions;
        this.homeAccountId = homeAccountId;
        this.clock = clock;
    }

    ReinstateUserResult reinstate(ReinstateUserRequest request) {
        String account = accountOf(request);
        ReinstateRecord own = ReinstateRecord.of(store, request, account, clock);
        own.refuseAnotherRunsRecord();
        Progress progress = new Progress(request.userName());
        try {
            return run(request, account, own, progress);
        } catch (RuntimeException e) {
            throw recorded(e, own, progress);
        }
    }

    /** Only the home account: a reinstate never acts through a member account's role. */
    private String accountOf(ReinstateUserRequest request) {
        if (request.accountId() == null || request.accountId().equals(homeAccountId)) {
            return homeAccountId;
        }
        throw new InvalidRequestException("accountId " + request.accountId() + " is another account than the one"
                + " the stack runs in (" + homeAccountId + "): a reinstate acts only in that account; leave accountId"
                + " out, or re-activate the user of " + request.accountId() + " by hand");
    }

    private ReinstateUserResult run(ReinstateUserRequest request, String account, ReinstateRecord own,
                                    Progress progress) {
        String user = request.userName();
        LockOutRecords records = new LockOutRecords(store);
        LockOutRecords.Found found = records.newestOffboarding(account, user, own.key())
                .orElseThrow(() -> new NoLockOutRecordedException(user, account, "there is no offboarding record of "
                        + user + " at " + records.whereRecordsOf(account, user)));
        LockOut lockOut = found.lockOut();
        progress.found(found);
        if (!lockOut.recorded()) {
            throw new NoLockOutRecordedException(user, account, lockOut.whyNone());
        }
        Optional<String> untrusted = lockOut.untrusted(user);
        if (untrusted.isPresent()) {
            throw new NoLockOutRecordedException(user, account, untrusted.get());
        }
        Optional<String> movedOn = lockOut.movedOnToRemoval();
        if (movedOn.isPresent()) {
            throw new QuarantineAlreadyRemovingException(user, lockOut.key(), movedOn.get(), null);
        }
        UserDetails now = iam.user(user).orElseThrow(() -> new UserGoneException(user, account));
        if (lockOut.userId() == null || !lockOut.userId().equals(now.userId())) {
            throw new UserRecreatedException(user, lockOut.userId() == null ? "no user id" : lockOut.userId(),
                    now.userId(), lockOut.key());
        }
        progress.plan(lockOut, now);
        progress.stop = quarantineOf(lockOut, user);
        if (request.isDryRun()) {
            RecordLocation at = own.ended(Outcome.DRY_RUN, progress.reinstatement());
            return new ReinstateUserResult(Outcome.DRY_RUN, user, account, true, progress.reinstatement(), at);
        }
        own.inProgress(progress.reinstatement());
        if (progress.stop.result() == QuarantineStop.Result.WOULD_STOP) {
            progress.stop = stop(progress.stop, user, request);
            LockOut again = records.again(lockOut);
            Optional<String> movedOnMeanwhile = again.movedOnToRemoval();
            if (movedOnMeanwhile.isPresent()) {
                throw new QuarantineAlreadyRemovingException(user, lockOut.key(), movedOnMeanwhile.get(), "This"
                        + " reinstate stopped " + progress.stop.executionArn() + ", which had just moved on to the"
                        + " removal.");
            }
        }
        reactivate(progress, user, lockOut);
        progress.deny = lift(progress.deny, user);
        RecordLocation at = own.ended(Outcome.REINSTATED, progress.reinstatement());
        return new ReinstateUserResult(Outcome.REINSTATED, user, account, false, progress.reinstatement(), at);
    }

    // ---- the execution waiting out the quarantine ------------------------------------------------------------------

    private QuarantineStop quarantineOf(LockOut lockOut, String user) {
        String arn = lockOut.executionId();
        if (executions == null) {
            return new QuarantineStop(arn, null, QuarantineStop.Result.NOT_CHECKED);
        }
        if (!executions.isOneOf(arn)) {
            throw new ExecutionNotStoppedException(user, arn, "it is not an execution of "
                    + executions.stateMachineArn() + ", the only state machine this reinstate may stop ("
                    + ReinstateSettings.OFFBOARDING_STATE_MACHINE_ARN + ")", false);
        }
        Optional<ExecutionStatus> status = statusOf(arn, user);
        if (status.isPresent() && OffboardingExecutions.mayGoOn(status.get())) {
            return new QuarantineStop(arn, status.get().toString(), QuarantineStop.Result.WOULD_STOP);
        }
        return new QuarantineStop(arn, status.map(ExecutionStatus::toString).orElse(null),
                QuarantineStop.Result.ALREADY_ENDED);
    }

    private Optional<ExecutionStatus> statusOf(String arn, String user) {
        try {
            return executions.status(arn);
        } catch (SdkException e) {
            throw new ExecutionNotStoppedException(user, arn, "Step Functions did not say whether it still runs ("
                    + e.getMessage() + ")", e.retryable());
        }
    }

    private QuarantineStop stop(QuarantineStop running, String user, ReinstateUserRequest request) {
        String arn = running.executionArn();
        try {
            executions.stop(arn, "Stopped by the reinstate of " + user
                    + (request.execution() == null ? "" : " (" + request.execution() + ")")
                    + ": its lock-out is being undone, so its removal must not run.");
            return new QuarantineStop(arn, running.statusBefore(), QuarantineStop.Result.STOPPED);
        } catch (SdkException e) {
            // It may have ended meanwhile, which is as good as stopped.
            Optional<ExecutionStatus> status = statusOf(arn, user);
            if (status.isEmpty() || !OffboardingExecutions.mayGoOn(status.get())) {
                return new QuarantineStop(arn, running.statusBefore(), QuarantineStop.Result.ALREADY_ENDED);
            }
            throw new ExecutionNotStoppedException(user, arn, "StopExecution failed (" + e.getMessage() + ")",
                    e.retryable());
        }
    }

    // ---- the changes in IAM ------------------------------------------------------------------------------------

    private void reactivate(Progress progress, String user, LockOut lockOut) {
        for (int i = 0; i < progress.items.size(); i++) {
            ReactivatedItem item = progress.items.get(i);
            if (item.result() != ReactivatedItem.Result.WOULD_ACTIVATE) {
                continue;
            }
            Removal done = item.kind().reactivate(iam, user, item.id());
            if (done == Removal.DONE) {
                progress.items.set(i, new ReactivatedItem(item.kind(), item.id(), ReactivatedItem.Result.ACTIVATED));
                progress.changes.add(item.kind() + " " + item.id() + " ACTIVATED");
            } else {
                progress.items.set(i, new ReactivatedItem(item.kind(), item.id(), ReactivatedItem.Result.GONE));
                progress.lost.add(Replacements.deletedSince(item.kind(), item.id(), user, lockOut.inventory()));
            }
        }
    }

    /** What lifting the lock-out's deny takes, as the user is now. */
    private static DenyLift planned(DenyAttachment deny, UserDetails now) {
        if (deny == null) {
            return null;
        }
        if (deny.alreadyInPlace()) {
            return new DenyLift(deny.how(), deny.policy(), null, DenyLift.Result.KEPT);
        }
        if (deny.how() == DenyMechanism.MANAGED_POLICY) {
            return new DenyLift(deny.how(), deny.policy(), null, DenyLift.Result.WOULD_DETACH);
        }
        if (!DenyAll.isDenyAll(now.permissionsBoundary())) {
            // Its boundary is no longer AWSDenyAll: someone changed it since, and that is left as it is.
            return new DenyLift(deny.how(), deny.policy(), null, DenyLift.Result.ALREADY_LIFTED);
        }
        return deny.replacedBoundary() != null
                ? new DenyLift(deny.how(), deny.policy(), deny.replacedBoundary(), DenyLift.Result.WOULD_RESTORE_BOUNDARY)
                : new DenyLift(deny.how(), deny.policy(), null, DenyLift.Result.WOULD_DELETE_BOUNDARY);
    }

    private DenyLift lift(DenyLift planned, String user) {
        if (planned == null) {
            return null;
        }
        DenyLift done = switch (planned.result()) {
            case WOULD_DETACH -> iam.detachPolicy(user, planned.policy()) == Removal.DONE
                    ? planned.as(DenyLift.Result.DETACHED) : planned.as(DenyLift.Result.ALREADY_LIFTED);
            case WOULD_RESTORE_BOUNDARY -> iam.putPermissionsBoundary(user, planned.restoredBoundary()) == Removal.DONE
                    ? planned.as(DenyLift.Result.BOUNDARY_RESTORED) : planned.as(DenyLift.Result.BOUNDARY_GONE);
            case WOULD_DELETE_BOUNDARY -> iam.deletePermissionsBoundary(user) == Removal.DONE
                    ? planned.as(DenyLift.Result.BOUNDARY_DELETED) : planned.as(DenyLift.Result.ALREADY_LIFTED);
            default -> planned;
        };
        return done;
    }

    // ---- the record of a refusal or a failure ------------------------------------------------------------------

    /**
     * The failure, recorded: REFUSED or FAILED with its Error and message, which then ends with what this reinstate had
     * changed in IAM. Not for a malformed request (nothing is known yet) nor a store that refused (it is the record).
     */
    private static RuntimeException recorded(RuntimeException e, ReinstateRecord own, Progress progress) {
        if (e instanceof InvalidRequestException || e instanceof RecordStoreUnavailableException) {
            return e;
        }
        String ending = progress.changes.isEmpty() ? null : "Already done by this reinstate: "
                + String.join(", ", progress.changes) + ". Every step can be run again: reinstate "
                + progress.userName + " again to finish.";
        if (ending != null && e instanceof OffboardingException failure) {
            failure.withMessageEnding(ending);
        }
        Outcome outcome = ReinstateErrors.isRefusal(e) ? Outcome.REFUSED : Outcome.FAILED;
        try {
            own.failed(outcome, progress.reinstatement(), ReinstateErrors.nameOf(e), e.getMessage());
        } catch (RuntimeException notWritten) {
            String unrecorded = "Its record could not be written (" + notWritten.getMessage() + ").";
            if (e instanceof OffboardingException failure) {
                failure.withMessageEnding(ending == null ? unrecorded : ending + " " + unrecorded);
            } else {
                e.addSuppressed(notWritten);
            }
        }
        return e;
    }

    /** What this reinstate knows and has done so far: what its record says at each moment. */
    private static final class Progress {
        private final String userName;
        private String lockOutRecord;
        private String lockOutExecution;
        private String reinstatedBefore;
        private QuarantineStop stop;
        private final List<ReactivatedItem> items = new ArrayList<>();
        private DenyLift deny;
        private ConsolePassword password;
        private final List<Unrecoverable> lost = new ArrayList<>();
        /** The changes made in IAM, for a failure's message. */
        private final List<String> changes = new ArrayList<>();

        Progress(String userName) {
            this.userName = userName;
        }

        void found(LockOutRecords.Found found) {
            lockOutRecord = found.lockOut().key();
            lockOutExecution = found.lockOut().executionId();
            reinstatedBefore = found.reinstatedBefore();
        }

        void plan(LockOut lockOut, UserDetails now) {
            for (RemovedItem item : lockOut.deactivated()) {
                items.add(new ReactivatedItem(item.kind(), item.id(), lockOut.activeBefore(item)
                        ? ReactivatedItem.Result.WOULD_ACTIVATE : ReactivatedItem.Result.LEFT_INACTIVE));
            }
            deny = planned(lockOut.deny(), now);
            if (lockOut.deletedThePassword()) {
                password = ConsolePassword.DELETED;
                lost.add(Replacements.deletedPassword(userName));
            } else {
                password = lockOut.hadAPassword() ? ConsolePassword.KEPT : ConsolePassword.NONE;
            }
        }

        Reinstatement reinstatement() {
            return new Reinstatement(lockOutRecord, lockOutExecution, stop, items, deny, password, lost,
                    reinstatedBefore);
        }
    }
}
