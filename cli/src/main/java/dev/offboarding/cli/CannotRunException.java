package dev.offboarding.cli;

/** The command cannot do its job, for a reason the message explains together with what to do about it. */
final class CannotRunException extends RuntimeException {
    CannotRunException(String message) {
        super(message);
    }

    CannotRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
