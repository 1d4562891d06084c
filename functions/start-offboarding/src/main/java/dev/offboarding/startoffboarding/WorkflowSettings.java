package dev.offboarding.startoffboarding;

import dev.offboarding.errors.InvalidConfigurationException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The state machine to start ({@code STATE_MACHINE_ARN}), what an event may ask of it ({@link EventPolicy}) and the
 * quarantine an unused access finding starts ({@link StaleAccessQuarantine}), from the function's environment (set by
 * the template). A malformed setting fails the function's start.
 */
record WorkflowSettings(String stateMachineArn, EventPolicy events, int staleAccessQuarantineDays) {
    static final String STATE_MACHINE_ARN = "STATE_MACHINE_ARN";
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}");

    static WorkflowSettings fromEnvironment(Map<String, String> env) {
        String arn = env.getOrDefault(STATE_MACHINE_ARN, "").strip();
        if (!ARN.matcher(arn).matches()) {
            throw new InvalidConfigurationException(STATE_MACHINE_ARN + " must be the OffboardUser state machine's ARN, "
                    + "e.g. arn:aws:states:us-east-1:123456789012:stateMachine:OffboardUser; it is \"" + arn + "\"");
        }
        return new WorkflowSettings(arn, EventPolicy.fromEnvironment(env), StaleAccessQuarantine.days(env));
    }

    /** The ARN an execution of this state machine with that name has. */
    String executionArn(String executionName) {
        return stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + executionName;
    }
}
