package dev.offboarding.removetokens;

import dev.offboarding.model.Step.Verb;

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
    WOULD_REMOVE;

    /** A step that did what it says. */
    static Action done(Verb verb) {
        return switch (verb) {
            case DEACTIVATE -> DEACTIVATED;
            case DELETE -> DELETED;
            case DETACH -> DETACHED;
            case REMOVE -> REMOVED;
        };
    }

    /** A step of a dry run. */
    static Action planned(Verb verb) {
        return switch (verb) {
            case DEACTIVATE -> WOULD_DEACTIVATE;
            case DELETE -> WOULD_DELETE;
            case DETACH -> WOULD_DETACH;
            case REMOVE -> WOULD_REMOVE;
        };
    }
}
