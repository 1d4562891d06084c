package dev.offboarding.errors;

/**
 * The results a Distributed Map wrote (its ResultWriter's manifest and result files) are not as Step Functions writes
 * them, or are larger than a fleet run reads: what its child executions did cannot be known from them. The message
 * names the file and what is wrong; nothing was offboarded on the strength of them.
 */
public final class MapRunResultsUnreadableException extends OffboardingException {
    public MapRunResultsUnreadableException(String message) {
        super(message);
    }

    public MapRunResultsUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
