package dev.offboarding.startoffboarding;

import dev.offboarding.errors.InvalidConfigurationException;
import dev.offboarding.validation.DefaultQuarantine;
import dev.offboarding.validation.OffboardingRequest;
import java.util.Map;

/**
 * The quarantine an unused access finding starts, in days ({@code STALE_ACCESS_QUARANTINE_DAYS}, template parameter
 * StaleAccessQuarantineDays, default 30): from 1 to 90, never 0, since a finding may only lock a user out, and never
 * shorter than the deployment's own quarantine ({@code DEFAULT_QUARANTINE_DAYS}), which no event may shorten.
 */
final class StaleAccessQuarantine {
    static final String STALE_ACCESS_QUARANTINE_DAYS = "STALE_ACCESS_QUARANTINE_DAYS";
    static final int DEFAULT_DAYS = 30;

    private StaleAccessQuarantine() {
    }

    static int days(Map<String, String> env) {
        String days = env.getOrDefault(STALE_ACCESS_QUARANTINE_DAYS, String.valueOf(DEFAULT_DAYS)).strip();
        int quarantine;
        try {
            quarantine = Integer.parseInt(days);
        } catch (NumberFormatException e) {
            quarantine = 0;
        }
        if (quarantine < 1 || quarantine > OffboardingRequest.MAX_QUARANTINE_DAYS) {
            throw new InvalidConfigurationException(STALE_ACCESS_QUARANTINE_DAYS + " must be a whole number of days"
                    + " from 1 to " + OffboardingRequest.MAX_QUARANTINE_DAYS + " (a finding only ever starts a"
                    + " quarantine); it is \"" + days + "\"");
        }
        return Math.max(quarantine, DefaultQuarantine.days(env));
    }
}
