package dev.offboarding.fleetrun;

import dev.offboarding.errors.InvalidConfigurationException;
import dev.offboarding.fleet.FleetDefaults;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * From the function's environment: the account the stack runs in ({@code HOME_ACCOUNT_ID}: a child request names its
 * account only when it is another), and the deployment's limits for the requests that leave them out
 * ({@link FleetDefaults}).
 */
public record FleetSettings(String homeAccountId, FleetDefaults defaults) {
    static final String HOME_ACCOUNT_ID = "HOME_ACCOUNT_ID";
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public static FleetSettings fromEnvironment(Map<String, String> env) {
        String home = env.getOrDefault(HOME_ACCOUNT_ID, "").strip();
        if (!ACCOUNT_ID.matcher(home).matches()) {
            throw new InvalidConfigurationException(HOME_ACCOUNT_ID + " must be the 12-digit id of the account the"
                    + " stack runs in (the template sets it from AWS::AccountId)");
        }
        return new FleetSettings(home, FleetDefaults.fromEnvironment(env));
    }
}
