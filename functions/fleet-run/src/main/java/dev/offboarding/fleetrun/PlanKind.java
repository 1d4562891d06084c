package dev.offboarding.fleetrun;

/** What the plan phase found for a user. */
enum PlanKind {
    /** Its dry run succeeded and no guard would refuse it: the offboard phase runs it. */
    WOULD_OFFBOARD,
    /**
     * Not dry-run first: no one approves and the candidates alone are within the limits, so no plan could change
     * what happens. The offboard phase runs it, and its guards decide at run time as they would have in a dry run.
     */
    SELECTED,
    /** The user no longer exists. */
    NOTHING_TO_DO,
    /** A guard refuses it (protected, privileged, recently active): the dry run says so, or its child failed so. */
    REFUSED,
    /** An explicitly named user that is not in the account (or not of the other selectors). */
    NOT_FOUND,
    /** Its dry run failed for another reason, or left no result. */
    PLAN_FAILED;

    /** Whether the offboard phase runs the user. */
    boolean offboards() {
        return this == WOULD_OFFBOARD || this == SELECTED;
    }
}
