package dev.offboarding.model;

public enum RemovalMode {
    /**
     * Only what can be undone: deny every action ({@link DenyAll}), then deactivate access keys, signing certificates,
     * SSH public keys and service-specific credentials. The console password is kept, powerless behind the deny.
     */
    LOCK_OUT,
    /** Deny and lock out first, then remove everything the inventory lists, the deny last. */
    REMOVE
}
