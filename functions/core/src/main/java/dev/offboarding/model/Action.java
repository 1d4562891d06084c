package dev.offboarding.model;

/** What happened to one item, or in a dry run what would have happened. */
public enum Action {
    DEACTIVATED,
    DELETED,
    DETACHED,
    REMOVED,
    /** IAM answered NoSuchEntity: someone already removed it. */
    ALREADY_ABSENT,
    WOULD_DEACTIVATE,
    WOULD_DELETE,
    WOULD_DETACH,
    WOULD_REMOVE
}
