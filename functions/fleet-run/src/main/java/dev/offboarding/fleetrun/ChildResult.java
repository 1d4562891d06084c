package dev.offboarding.fleetrun;

import dev.offboarding.audit.AuditRecord;
import java.time.Instant;

/**
 * What became of one child item, from the ResultWriter files of its account's map run (one entry per item, written
 * by the StartChild item processor).
 */
sealed interface ChildResult {
    /** The child execution's name (the item's {@code execution}). */
    String execution();

    String userName();

    String accountId();

    /** The OffboardUser execution succeeded; {@code child} is its output, the user's audit record. */
    record Finished(String execution, String userName, String accountId, AuditRecord child) implements ChildResult {
    }

    /**
     * The OffboardUser execution failed (or timed out, or was stopped): its own error and Cause, from the
     * DescribeExecution answer Step Functions gives as the Cause of {@code States.TaskFailed}; {@code startedAt} is
     * its start when that answer says it.
     */
    record Failed(String execution, String userName, String accountId, String error, String cause, Instant startedAt)
            implements ChildResult {
    }

    /** Step Functions refused to start the name: an execution of that name was started before (a re-run). */
    record AlreadyStarted(String execution, String userName, String accountId, String cause) implements ChildResult {
    }

    /**
     * The item processor itself did not finish ({@code status} FAILED, TIMED_OUT, ABORTED in the FAILED files, or
     * PENDING: never started), so what became of the child is not known; {@code error} and {@code cause} are the
     * processor's, null when it has none.
     */
    record NotRun(String execution, String userName, String accountId, String status, String error, String cause)
            implements ChildResult {
    }
}
