package dev.offboarding.fleetrun;

/** How a fleet run ended for one user. */
enum UserOutcome {
    /** Its offboarding deleted it. */
    DELETED,
    /** It did not exist (any more). */
    ALREADY_ABSENT,
    /** A dry-run fleet: its offboarding would run (the plan says what it would remove). */
    DRY_RUN,
    /** A guard refused it: a person decides. */
    REFUSED,
    /** Its plan or its offboarding failed. */
    FAILED,
    /** An earlier fleet execution of the same run started its offboarding already: not started twice. */
    ALREADY_STARTED,
    /** The fleet ended before its offboarding started (refused by the limits, rejected, or failed). */
    NOT_STARTED,
    /** Named explicitly, but not in its account. */
    NOT_FOUND
}
