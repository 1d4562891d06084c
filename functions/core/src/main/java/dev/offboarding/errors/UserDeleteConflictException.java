package dev.offboarding.errors;

/**
 * DeleteUser answered DeleteConflict: IAM still sees something attached to the user. Right after the blockers were
 * removed this is only propagation lag, so the workflow retries it with backoff; if it persists, a fresh inventory
 * shows what is really left.
 */
public final class UserDeleteConflictException extends OffboardingException {
    private final String userName;
    private final String blockers;

    public UserDeleteConflictException(String userName, String blockers, String iamMessage) {
        super("IAM still refuses to delete user " + userName + ": " + iamMessage + " (still attached according to IAM: "
                + blockers + "). If these were just removed this is propagation lag and a retry will succeed;"
                + " otherwise take a fresh inventory and remove what it lists.");
        this.userName = userName;
        this.blockers = blockers;
    }

    public String userName() {
        return userName;
    }

    /** The kinds of blocker IAM's message points at, e.g. "access keys, signing certificates, SSH public keys...". */
    public String blockers() {
        return blockers;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
