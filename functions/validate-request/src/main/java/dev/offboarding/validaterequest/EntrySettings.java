package dev.offboarding.validaterequest;

import dev.offboarding.errors.InvalidConfigurationException;
import dev.offboarding.validation.DefaultQuarantine;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * From the function's environment: the account the stack runs in ({@code HOME_ACCOUNT_ID}), and the quarantine
 * for requests that do not say ({@code DEFAULT_QUARANTINE_DAYS}, 0 = none).
 */
public record EntrySettings(String homeAccountId, int defaultQuarantineDays) {
    public static final String HOME_ACCOUNT_ID = "HOME_ACCOUNT_ID";
    public static final String DEFAULT_QUARANTINE_DAYS = DefaultQuarantine.DEFAULT_QUARANTINE_DAYS;
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public static EntrySettings fromEnvironment(Map<String, String> env) {
        String home = env.getOrDefault(HOME_ACCOUNT_ID, "").strip();
        if (!ACCOUNT_ID.matcher(home).matches()) {
            throw new InvalidConfigurationException(HOME_ACCOUNT_ID + " must be the 12-digit id of the account the"
                    + " stack runs in; it is \"" + home + "\"");
        }
        int quarantine = DefaultQuarantine.days(env);
        return new EntrySettings(home, quarantine);
    }
}
