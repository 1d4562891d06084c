package dev.offboarding.errors;

/**
 * The offboarding a reinstate would undo has moved past its quarantine: its removal started (or ended), and what it
 * deleted cannot be turned back on. The reinstate changes nothing in IAM; retrying cannot help.
 */
public final class QuarantineAlreadyRemovingException extends OffboardingException {
    /**
     * @param why     what the record shows, e.g. "it has a REMOVE round"
     * @param stopped what this reinstate did to the execution before it saw it, or null when it did nothing to it
     */
    public QuarantineAlreadyRemovingException(String userName, String record, String why, String stopped) {
        super("The offboarding of " + userName + " has moved past its quarantine (" + why + ", record " + record
                + "): its removal has started and what it deleted cannot be re-activated, so nothing was changed in"
                + " IAM." + (stopped == null ? " Let the offboarding finish; if the person needs access again, create"
                + " a new user." : " " + stopped + " Start the offboarding of " + userName + " again to finish the"
                + " removal; if the person needs access again, create a new user."));
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
