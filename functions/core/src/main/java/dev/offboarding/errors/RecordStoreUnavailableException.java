package dev.offboarding.errors;

/**
 * The offboarding record store could not be read or written (S3 refused or failed, or the local folder could not be
 * written). The workflow fails closed on it: a run that cannot write its intent changes nothing in IAM. The message
 * names the location and the reason, never a credential.
 */
public final class RecordStoreUnavailableException extends OffboardingException {
    public RecordStoreUnavailableException(String message) {
        super(message);
    }

    public RecordStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A store that refused may accept later (throttling, a transient network error); the workflow retries a few times. */
    @Override
    public boolean retryable() {
        return true;
    }
}
