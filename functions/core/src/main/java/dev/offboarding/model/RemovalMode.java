package dev.offboarding.model;

public enum RemovalMode {
    /**
     * Only what can be undone, plus the console password: deactivate access keys, signing certificates, SSH public
     * keys and service-specific credentials, then delete the login profile.
     */
    LOCK_OUT,
    /** Lock out first, then remove everything the inventory lists. */
    REMOVE
}
