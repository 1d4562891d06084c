package dev.offboarding.model;

/**
 * The rounds in which remove-tokens acts, in this order, once the deny of every action ({@link DenyAll}) is attached: a round starts only once every step of the one before has
 * finished, and the steps of one round run side by side (IAM orders none of them).
 */
public enum Round {
    /** Credentials that can be turned back on are deactivated: the part of the lock-out that can be undone. */
    DEACTIVATE,
    /**
     * REMOVE: the console password is deleted, once every deactivation has succeeded. A LOCK_OUT keeps it: behind the
     * deny it grants nothing, and a reinstate needs it.
     */
    DELETE_PASSWORD,
    /** Everything else the inventory lists is removed; by then no credential of the user works any more. */
    REMOVE,
    /** The deny of every action ({@link DenyAll}) is detached: the last change before DeleteUser. */
    LIFT_DENY
}
