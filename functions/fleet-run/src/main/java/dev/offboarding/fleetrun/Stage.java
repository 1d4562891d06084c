package dev.offboarding.fleetrun;

/** The steps of a fleet run that fleet-run serves, one per call. */
enum Stage {
    /** Validates the fleet request, fills in its defaults and resolves its accounts. */
    VALIDATE,
    /** Writes the plan phase's child items (dry runs) from the users select-users found. */
    ITEMS,
    /** Classifies each user from the plan phase's results, writes the plan and the offboard items, applies the limits. */
    LIMIT,
    /** Writes the fleet report from the offboard phase's results, on every path after VALIDATE. */
    REPORT
}
