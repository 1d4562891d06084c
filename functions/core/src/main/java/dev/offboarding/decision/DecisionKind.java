package dev.offboarding.decision;

/** What the workflow does next with a user, given an inventory and the request. */
public enum DecisionKind {
    /** The user does not exist (any more): nothing to do. */
    ABSENT,
    /** A guard trips: nothing more is changed. */
    REFUSE,
    /** The plan of a removal, and which guard would trip, with no change in IAM. */
    DRY_RUN,
    /** The reversible lock-out now, the removal after the quarantine. */
    LOCK_OUT,
    /** Remove everything listed, then delete the user. */
    REMOVE,
    /** DeleteUser kept conflicting through every sweep and the user is still there. */
    GIVE_UP
}
