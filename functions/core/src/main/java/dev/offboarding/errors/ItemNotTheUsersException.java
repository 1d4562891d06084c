package dev.offboarding.errors;

import java.util.List;

/**
 * An item the request asks to act on is not the user's, or nothing shows that it is: e.g. a virtual MFA device that
 * is not assigned to the user and was not found assigned to them by this execution, or one in another account.
 * Acting on it could delete what belongs to someone else, so the whole request is refused and nothing is changed.
 * A retry with the same input cannot succeed: take a fresh inventory of the user.
 */
public final class ItemNotTheUsersException extends OffboardingException {
    private final List<String> items;

    /** @param items each item refused, with why, e.g. "MFA device arn:aws:iam::...:mfa/x: not assigned to bob..." */
    public ItemNotTheUsersException(String userName, List<String> items) {
        super("Refusing to act on " + (items.size() == 1 ? "an item" : items.size() + " items") + " that "
                + (items.size() == 1 ? "is" : "are") + " not " + userName + "'s: " + String.join("; ", items)
                + ". Nothing was changed. Take a fresh inventory of " + userName + " (list-tokens) and remove what it"
                + " lists.");
        this.items = List.copyOf(items);
    }

    /** Each refused item, with why. */
    public List<String> items() {
        return items;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
