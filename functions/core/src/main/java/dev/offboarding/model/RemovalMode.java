package dev.offboarding.model;

public enum RemovalMode {
    /**
     * Only what can be undone, plus the console password: deactivate access keys, SSH public keys, signing
     * certificates and service-specific credentials, and delete the login profile.
     */
    LOCK_OUT,
    /** Lock out first, then remove everything the inventory lists. */
    REMOVE
}
