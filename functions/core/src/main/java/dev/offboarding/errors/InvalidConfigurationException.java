package dev.offboarding.errors;

/** A function setting (an environment variable from the template) is malformed: fix the deployment parameter. */
public final class InvalidConfigurationException extends OffboardingException {
    public InvalidConfigurationException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
