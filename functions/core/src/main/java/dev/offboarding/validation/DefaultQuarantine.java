package dev.offboarding.validation;

import dev.offboarding.errors.InvalidConfigurationException;
import java.util.Map;

/**
 * The stack's quarantine for requests that do not say ({@code DEFAULT_QUARANTINE_DAYS}, template parameter
 * DefaultQuarantineDays; 0 = none): validate-request fills it in, and start-offboarding lets no event shorten it.
 */
public final class DefaultQuarantine {
    public static final String DEFAULT_QUARANTINE_DAYS = "DEFAULT_QUARANTINE_DAYS";

    private DefaultQuarantine() {
    }

    public static int days(Map<String, String> env) {
        String days = env.getOrDefault(DEFAULT_QUARANTINE_DAYS, "0").strip();
        int quarantine;
        try {
            quarantine = Integer.parseInt(days);
        } catch (NumberFormatException e) {
            quarantine = -1;
        }
        if (quarantine < 0 || quarantine > OffboardingRequest.MAX_QUARANTINE_DAYS) {
            throw new InvalidConfigurationException(DEFAULT_QUARANTINE_DAYS + " must be a whole number of days from 0"
                    + " to " + OffboardingRequest.MAX_QUARANTINE_DAYS + "; it is \"" + days + "\"");
        }
        return quarantine;
    }
}
