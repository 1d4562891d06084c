package dev.offboarding.fleetrun;

/** What the plan phase found for a user. */
enum PlanKind {
    /** Its dry run succeeded and no guard would refuse it: the offboard phase runs it. */
    WOULD_OFFBOARD,
    /** The user no longer exists. */
    NOTHING_TO_DO,
    /** A guard refuses it (protected, privileged, recently active): the dry run says so, or its child failed so. */
    REFUSED,
    /** An explicitly named user that is not in the account (or not of the other selectors). */
    NOT_FOUND,
    /** Its dry run failed for another reason, or left no result. */
    PLAN_FAILED
}
