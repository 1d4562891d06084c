package dev.offboarding.cli;

/**
 * approve or reject found nothing to decide: the fleet execution ended, its approval was already decided or timed
 * out, or it is not a fleet execution. Nothing was sent to Step Functions. The message says which, and what to do.
 */
final class NotAwaitingDecisionException extends RuntimeException {
    NotAwaitingDecisionException(String message) {
        super(message);
    }
}
