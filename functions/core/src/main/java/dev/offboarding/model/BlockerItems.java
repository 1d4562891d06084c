package dev.offboarding.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The items of one kind of blocker in an inventory, with their ids (an access key's id, a policy's name or ARN, the
 * user's name for the console password) and what the kind is called, e.g. for a sentence such as
 * "access keys [AKIA...]".
 */
public record BlockerItems<T>(BlockerKind kind, List<T> items, List<String> ids) {
    /** Copies that keep a null item of an inventory not yet checked (its id is null too). */
    public BlockerItems {
        items = Collections.unmodifiableList(new ArrayList<>(items));
        ids = Collections.unmodifiableList(new ArrayList<>(ids));
    }

    /** What the kind's items are called, e.g. "access keys", "console password". */
    public String description() {
        return kind.plural();
    }
}
