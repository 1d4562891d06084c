package dev.offboarding.errors;

/**
 * The user of that name is not the one that was locked out: it was deleted and created again since (IAM gives every
 * new user a new id). The credentials the lock-out deactivated belonged to the earlier user, so nothing is turned on.
 * Nothing was changed; retrying cannot help.
 */
public final class UserRecreatedException extends OffboardingException {
    public UserRecreatedException(String userName, String recordedUserId, String currentUserId, String record) {
        super("User " + userName + " was deleted and created again since its lock-out: its user id is now "
                + currentUserId + ", the lock-out's record " + record + " names " + recordedUserId + ". What that"
                + " lock-out deactivated belonged to the earlier user, so nothing is reinstated and nothing was"
                + " changed. Give the new user what it needs by hand.");
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
