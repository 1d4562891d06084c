package dev.offboarding.startoffboarding;

/** The execution that offboards the event's user, and whether this delivery started it. */
public record StartOffboardingResult(String executionArn, String executionName, String userName, StartOutcome outcome) {
}
