package dev.offboarding.startoffboarding;

/**
 * The execution that offboards the event's user, and whether this delivery started it; or, for an event that asks
 * for nothing ({@link StartOutcome#IGNORED}), no execution and why.
 *
 * @param userName the user the event names; null when it names none (a finding about a role)
 * @param reason   why nothing was started (IGNORED only)
 */
public record StartOffboardingResult(String executionArn, String executionName, String userName, StartOutcome outcome,
                                     String reason) {

    static StartOffboardingResult of(String executionArn, String executionName, String userName, StartOutcome outcome) {
        return new StartOffboardingResult(executionArn, executionName, userName, outcome, null);
    }

    static StartOffboardingResult ignored(String userName, String reason) {
        return new StartOffboardingResult(null, null, userName, StartOutcome.IGNORED, reason);
    }
}
