package dev.offboarding.fleetrun;

/** How a fleet execution ended. */
enum FleetOutcome {
    /** Every offboarding it started ended (each user's outcome is in the report). */
    COMPLETED,
    /** A dry-run fleet: the plan only. */
    DRY_RUN,
    /** The blast radius refused the plan. */
    REFUSED,
    /** The person asked to approve the plan rejected it (or did not decide in time). */
    REJECTED,
    /** A step failed. */
    FAILED
}
