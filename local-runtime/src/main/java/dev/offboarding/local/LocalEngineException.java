package dev.offboarding.local;

/** The local Step Functions engine is missing, could not start, or stopped without a result. */
public final class LocalEngineException extends RuntimeException {
    public LocalEngineException(String message) {
        super(message);
    }
}
