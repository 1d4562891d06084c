package dev.offboarding.fleet;

import dev.offboarding.errors.InvalidConfigurationException;
import java.util.Map;

/**
 * The deployment's limits for fleet requests that do not set them (template parameters MaxUsersPerRun,
 * MaxShareOfAccount, MaxConcurrencyPerAccount and the approval timeout), read from the function's environment.
 * A request started by an event always gets {@link #maxUsersPerRun} and {@link #maxShareOfAccount}.
 */
public record FleetDefaults(int maxUsersPerRun, int maxShareOfAccount, int maxConcurrencyPerAccount,
                            int approvalTimeoutSeconds) {
    public static final String MAX_USERS_PER_RUN = "MAX_USERS_PER_RUN";
    public static final String MAX_SHARE_OF_ACCOUNT = "MAX_SHARE_OF_ACCOUNT";
    public static final String MAX_CONCURRENCY_PER_ACCOUNT = "MAX_CONCURRENCY_PER_ACCOUNT";
    public static final String APPROVAL_TIMEOUT_SECONDS = "APPROVAL_TIMEOUT_SECONDS";

    /** The template's defaults: 25 users per run, 10 % of an account, 5 children at once per account, one day. */
    public static final FleetDefaults STANDARD = new FleetDefaults(25, 10, 10, 86_400);

    public static FleetDefaults fromEnvironment(Map<String, String> env) {
        return new FleetDefaults(
                number(env, MAX_USERS_PER_RUN, STANDARD.maxUsersPerRun, 1, FleetRequest.MAX_USERS_PER_RUN, "users"),
                number(env, MAX_SHARE_OF_ACCOUNT, STANDARD.maxShareOfAccount, 1, FleetRequest.MAX_SHARE_OF_ACCOUNT,
                        "percent"),
                number(env, MAX_CONCURRENCY_PER_ACCOUNT, STANDARD.maxConcurrencyPerAccount, 1,
                        FleetRequest.MAX_CONCURRENCY_PER_ACCOUNT, "child workflows"),
                number(env, APPROVAL_TIMEOUT_SECONDS, STANDARD.approvalTimeoutSeconds,
                        FleetRequest.MIN_APPROVAL_TIMEOUT_SECONDS, FleetRequest.MAX_APPROVAL_TIMEOUT_SECONDS,
                        "seconds"));
    }

    private static int number(Map<String, String> env, String variable, int standard, int min, int max, String unit) {
        String text = env.get(variable);
        if (text == null || text.isBlank()) {
            return standard;
        }
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            value = min - 1;
        }
        if (value < min || value > max) {
            throw new InvalidConfigurationException(variable + " must be a whole number from " + min + " to " + max
                    + " " + unit + "; it is \"" + text + "\"");
        }
        return value;
    }
}
