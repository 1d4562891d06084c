package dev.offboarding.startoffboarding;

import dev.offboarding.errors.InvalidConfigurationException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The state machines to start ({@code STATE_MACHINE_ARN}: OffboardUser; {@code FLEET_STATE_MACHINE_ARN}: OffboardFleet,
 * optional: without it no event starts a fleet run), what an event may ask of them ({@link EventPolicy}) and the
 * quarantine an unused access finding starts ({@link StaleAccessQuarantine}), from the function's environment (set by
 * the template). A malformed setting fails the function's start.
 *
 * @param fleetStateMachineArn null when the deployment starts no fleet runs from events
 */
record WorkflowSettings(String stateMachineArn, String fleetStateMachineArn, EventPolicy events,
                        int staleAccessQuarantineDays) {
    static final String STATE_MACHINE_ARN = "STATE_MACHINE_ARN";
    static final String FLEET_STATE_MACHINE_ARN = "FLEET_STATE_MACHINE_ARN";
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}");

    static WorkflowSettings fromEnvironment(Map<String, String> env) {
        String arn = env.getOrDefault(STATE_MACHINE_ARN, "").strip();
        if (!ARN.matcher(arn).matches()) {
            throw new InvalidConfigurationException(STATE_MACHINE_ARN + " must be the OffboardUser state machine's ARN, "
                    + "e.g. arn:aws:states:us-east-1:123456789012:stateMachine:OffboardUser; it is \"" + arn + "\"");
        }
        String fleet = env.getOrDefault(FLEET_STATE_MACHINE_ARN, "").strip();
        if (!fleet.isEmpty() && !ARN.matcher(fleet).matches()) {
            throw new InvalidConfigurationException(FLEET_STATE_MACHINE_ARN + " must be the OffboardFleet state"
                    + " machine's ARN, e.g. arn:aws:states:us-east-1:123456789012:stateMachine:OffboardFleet, or unset"
                    + " when no event starts a fleet run; it is \"" + fleet + "\"");
        }
        return new WorkflowSettings(arn, fleet.isEmpty() ? null : fleet, EventPolicy.fromEnvironment(env),
                StaleAccessQuarantine.days(env));
    }

    /** The ARN an execution of that state machine with that name has. */
    static String executionArn(String stateMachineArn, String executionName) {
        return stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + executionName;
    }
}
