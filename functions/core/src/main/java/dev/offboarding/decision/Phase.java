package dev.offboarding.decision;

/** Which look at the user an inventory is, within one execution: the rules of the next step depend on it. */
public enum Phase {
    /** Before anything changed: every guard applies, and the request's dry run, force and quarantine. */
    FIRST,
    /**
     * After a lock-out or a removal round (a quarantine ended, or DeleteUser still conflicted): recent activity is
     * not checked again, since this execution made the credentials unusable; protection and privilege are.
     */
    AGAIN,
    /** Every sweep is used up: only whether the user is gone still matters. */
    LAST
}
