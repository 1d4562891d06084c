package dev.offboarding.errors;

/**
 * A reinstate undoes only a lock-out it finds in the user's records: none is recorded (no offboarding record, or the
 * newest one locked nothing out, e.g. a dry run). Nothing was changed; retrying cannot help.
 */
public final class NoLockOutRecordedException extends OffboardingException {
    /** @param why what the records say, e.g. "its newest offboarding record ... is a DRY_RUN and has no LOCK_OUT round" */
    public NoLockOutRecordedException(String userName, String accountId, String why) {
        super("No lock-out of " + userName + " in account " + accountId + " is recorded: " + why + ". A reinstate"
                + " undoes only the lock-out of the newest offboarding record, so nothing was changed. If " + userName
                + " was locked out by hand or by a run that kept no record, re-activate its credentials by hand.");
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
