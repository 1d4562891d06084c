package dev.offboarding.model;

/** How an offboarding ended when it did not fail. */
public enum Outcome {
    /** The user was deleted by this run. */
    DELETED,
    /** The user did not exist (any more): nothing to do. */
    ALREADY_ABSENT,
    /** Nothing was changed; the output is the plan. */
    DRY_RUN
}
