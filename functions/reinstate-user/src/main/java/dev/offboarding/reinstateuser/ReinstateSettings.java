package dev.offboarding.reinstateuser;

import dev.offboarding.errors.InvalidConfigurationException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The function's settings, from its environment (set by the template): the account the stack runs in
 * ({@code HOME_ACCOUNT_ID}, the only one a reinstate acts in) and the OffboardUser state machine whose waiting
 * execution it stops ({@code OFFBOARDING_STATE_MACHINE_ARN}; unset in a local run, which then stops nothing).
 */
record ReinstateSettings(String homeAccountId, String offboardingStateMachineArn) {
    static final String HOME_ACCOUNT_ID = "HOME_ACCOUNT_ID";
    static final String OFFBOARDING_STATE_MACHINE_ARN = "OFFBOARDING_STATE_MACHINE_ARN";
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern STATE_MACHINE =
            Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}");

    static ReinstateSettings fromEnvironment(Map<String, String> env) {
        String home = env.getOrDefault(HOME_ACCOUNT_ID, "").strip();
        if (!ACCOUNT.matcher(home).matches()) {
            throw new InvalidConfigurationException(HOME_ACCOUNT_ID + " must be the 12-digit id of the account the"
                    + " stack runs in; it is \"" + home + "\"");
        }
        String machine = env.getOrDefault(OFFBOARDING_STATE_MACHINE_ARN, "").strip();
        if (!machine.isEmpty() && !STATE_MACHINE.matcher(machine).matches()) {
            throw new InvalidConfigurationException(OFFBOARDING_STATE_MACHINE_ARN + " must be the OffboardUser state"
                    + " machine's ARN, e.g. arn:aws:states:us-east-1:123456789012:stateMachine:OffboardUser, or unset;"
                    + " it is \"" + machine + "\"");
        }
        return new ReinstateSettings(home, machine.isEmpty() ? null : machine);
    }
}
