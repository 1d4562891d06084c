package dev.offboarding.model;

/** How an offboarding (or a reinstate) ended, or that it has not ended yet. */
public enum Outcome {
    /** The user was deleted by this run. */
    DELETED,
    /** The user did not exist (any more): nothing to do. */
    ALREADY_ABSENT,
    /** Nothing was changed; the output is the plan. */
    DRY_RUN,
    /** The run has not ended (or died before it did): the record's {@code pending} says what it was about to do. */
    IN_PROGRESS,
    /** A guard refused the user (protected, privileged, recently active): the record's error and cause say which. */
    REFUSED,
    /** A step failed: the record's error and cause say which, and what was done before. */
    FAILED,
    /** A reinstate's: the lock-out was undone, its credentials active again and its deny lifted. */
    REINSTATED
}
