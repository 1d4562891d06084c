package dev.offboarding.model;

import dev.offboarding.model.Step.Verb;
import java.util.Arrays;

/** What happened to one item, or in a dry run what would have happened. */
public enum Action {
    DEACTIVATED(Verb.DEACTIVATE, false),
    DELETED(Verb.DELETE, false),
    DETACHED(Verb.DETACH, false),
    REMOVED(Verb.REMOVE, false),
    /** IAM answered NoSuchEntity: someone already removed it. */
    ALREADY_ABSENT(null, false),
    WOULD_DEACTIVATE(Verb.DEACTIVATE, true),
    WOULD_DELETE(Verb.DELETE, true),
    WOULD_DETACH(Verb.DETACH, true),
    WOULD_REMOVE(Verb.REMOVE, true);

    private final Verb verb;
    private final boolean planned;

    Action(Verb verb, boolean planned) {
        this.verb = verb;
        this.planned = planned;
    }

    /** A step that did what it says. */
    static Action done(Verb verb) {
        return of(verb, false);
    }

    /** A step of a dry run. */
    static Action planned(Verb verb) {
        return of(verb, true);
    }

    private static Action of(Verb verb, boolean planned) {
        return Arrays.stream(values()).filter(action -> action.verb == verb && action.planned == planned).findFirst()
                .orElseThrow();
    }
}
