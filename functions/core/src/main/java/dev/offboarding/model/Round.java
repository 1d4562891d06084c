package dev.offboarding.model;

/**
 * The rounds in which remove-tokens acts, in this order: a round starts only once every step of the one before has
 * finished, and the steps of one round run side by side (IAM orders none of them).
 */
public enum Round {
    /** Credentials that can be turned back on are deactivated: the part of the lock-out that can be undone. */
    DEACTIVATE,
    /**
     * The console password is deleted, once every deactivation has succeeded: a lock-out that fails midway has then
     * changed nothing that cannot be undone.
     */
    DELETE_PASSWORD,
    /** Everything else the inventory lists is removed; by then no credential of the user works any more. */
    REMOVE
}
