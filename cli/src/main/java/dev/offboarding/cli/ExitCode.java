package dev.offboarding.cli;

/** The exit codes of the offboard command, documented in its --help and in the README. */
final class ExitCode {
    /**
     * The workflow succeeded: DELETED, ALREADY_ABSENT or DRY_RUN; the role is usable; the execution started. Also a
     * local run that failed or was stopped after the user was deleted: the offboarding is done. serve-functions:
     * stopped by an interruption.
     */
    static final int SUCCEEDED = 0;
    /** The workflow ended in a Fail state: a refusal (protected, recently active, invalid request) or a failure. */
    static final int WORKFLOW_FAILED = 1;
    /** records show: there is no record at the key given. */
    static final int NO_SUCH_RECORD = 1;
    /**
     * approve, reject: the fleet execution does not wait for a decision (it ended, was decided, its approval timed
     * out, or it is not a fleet execution): nothing was sent.
     */
    static final int NOT_AWAITING_DECISION = 1;
    /** The command line is wrong (unknown option, missing or bad value, malformed scenario file): nothing ran. */
    static final int USAGE = 2;
    /**
     * The command could not run: no credentials, no or too old Node.js, unknown state machine; a local run timed out;
     * serve-functions' port is taken; records: the record store could not be read.
     */
    static final int CANNOT_RUN = 3;

    private ExitCode() {
    }
}
