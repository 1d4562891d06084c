package dev.offboarding.startoffboarding;

/**
 * STARTED: this delivery started the execution. ALREADY_STARTED: an earlier delivery of the same event did.
 * IGNORED: the event asks for nothing (an unused access finding that is not a stale user's), so nothing was started.
 */
public enum StartOutcome { STARTED, ALREADY_STARTED, IGNORED }
