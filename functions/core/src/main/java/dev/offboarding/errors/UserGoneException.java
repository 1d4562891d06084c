package dev.offboarding.errors;

/**
 * A reinstate found no user of that name any more: whatever its lock-out deactivated went with it, so there is nothing
 * to turn back on. Nothing was changed. Retrying cannot help: a person who needs access again needs a new user.
 */
public final class UserGoneException extends OffboardingException {
    public UserGoneException(String userName, String accountId) {
        super("User " + userName + " no longer exists in account " + accountId + ", so its lock-out cannot be undone:"
                + " its credentials went with it. Nothing was changed. If the person needs access again, create a new"
                + " user and give it new credentials.");
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
