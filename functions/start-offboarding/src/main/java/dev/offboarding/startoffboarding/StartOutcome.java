package dev.offboarding.startoffboarding;

/** STARTED: this delivery started the execution. ALREADY_STARTED: an earlier delivery of the same event did. */
public enum StartOutcome { STARTED, ALREADY_STARTED }
