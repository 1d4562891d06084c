package dev.offboarding.fleetrun;

import dev.offboarding.errors.InvalidConfigurationException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * From the function's environment: the account the stack runs in ({@code HOME_ACCOUNT_ID}: a child request names its
 * account only when it is another), and the defaults of the limits a request leaves out ({@code MAX_USERS_PER_RUN},
 * {@code MAX_SHARE_OF_ACCOUNT}, {@code MAX_CONCURRENCY_PER_ACCOUNT}: the template's MaxUsersPerRun,
 * MaxShareOfAccount and MaxConcurrencyPerAccount).
 */
public record FleetSettings(String homeAccountId, int maxUsersPerRun, int maxShareOfAccount,
                            int maxConcurrencyPerAccount) {
    static final String HOME_ACCOUNT_ID = "HOME_ACCOUNT_ID";
    static final String MAX_USERS_PER_RUN = "MAX_USERS_PER_RUN";
    static final String MAX_SHARE_OF_ACCOUNT = "MAX_SHARE_OF_ACCOUNT";
    static final String MAX_CONCURRENCY_PER_ACCOUNT = "MAX_CONCURRENCY_PER_ACCOUNT";
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public static FleetSettings fromEnvironment(Map<String, String> env) {
        String home = env.getOrDefault(HOME_ACCOUNT_ID, "").strip();
        if (!ACCOUNT_ID.matcher(home).matches()) {
            throw new InvalidConfigurationException(HOME_ACCOUNT_ID + " must be the 12-digit id of the account the"
                    + " stack runs in (the template sets it from AWS::AccountId)");
        }
        return new FleetSettings(home,
                number(env, MAX_USERS_PER_RUN, FleetLimits.DEFAULT_MAX_USERS_PER_RUN, 1, FleetLimits.MAX_USERS_PER_RUN),
                number(env, MAX_SHARE_OF_ACCOUNT, FleetLimits.DEFAULT_MAX_SHARE_OF_ACCOUNT, 1, 100),
                number(env, MAX_CONCURRENCY_PER_ACCOUNT, FleetLimits.DEFAULT_MAX_CONCURRENCY_PER_ACCOUNT, 1,
                        FleetLimits.MAX_CONCURRENCY_PER_ACCOUNT));
    }

    private static int number(Map<String, String> env, String name, int defaultValue, int min, int max) {
        String value = env.getOrDefault(name, "").strip();
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidConfigurationException(name + " must be a whole number from " + min + " to " + max
                + ", or unset for " + defaultValue);
    }
}
