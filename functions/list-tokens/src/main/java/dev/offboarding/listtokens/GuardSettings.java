package dev.offboarding.listtokens;

import dev.offboarding.errors.InvalidConfigurationException;
import java.time.Duration;
import java.util.Map;

/**
 * What makes a user protected (a tag {@code protectedTagKey=true}) or recently active (any credential used within
 * the window; a window of 0 days turns the check off). Read from the function's environment.
 */
public record GuardSettings(String protectedTagKey, int activityWindowDays) {
    public static final String PROTECTED_TAG_KEY = "PROTECTED_TAG_KEY";
    public static final String ACTIVITY_WINDOW_DAYS = "ACTIVITY_WINDOW_DAYS";
    public static final String DEFAULT_PROTECTED_TAG_KEY = "offboarding:protected";
    public static final int DEFAULT_ACTIVITY_WINDOW_DAYS = 7;
    private static final int MAX_ACTIVITY_WINDOW_DAYS = 3650;

    public static GuardSettings defaults() {
        return new GuardSettings(DEFAULT_PROTECTED_TAG_KEY, DEFAULT_ACTIVITY_WINDOW_DAYS);
    }

    public static GuardSettings fromEnvironment(Map<String, String> env) {
        String tagKey = env.getOrDefault(PROTECTED_TAG_KEY, DEFAULT_PROTECTED_TAG_KEY).strip();
        if (tagKey.isEmpty() || tagKey.length() > 128) {
            throw new InvalidConfigurationException(PROTECTED_TAG_KEY + " must be a tag key of 1 to 128 characters, e.g. "
                    + DEFAULT_PROTECTED_TAG_KEY);
        }
        String window = env.getOrDefault(ACTIVITY_WINDOW_DAYS, String.valueOf(DEFAULT_ACTIVITY_WINDOW_DAYS)).strip();
        int days;
        try {
            days = Integer.parseInt(window);
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 0 || days > MAX_ACTIVITY_WINDOW_DAYS) {
            throw new InvalidConfigurationException(ACTIVITY_WINDOW_DAYS + " must be a whole number of days from 0 (off) to "
                    + MAX_ACTIVITY_WINDOW_DAYS + "; it is \"" + window + "\"");
        }
        return new GuardSettings(tagKey, days);
    }

    public Duration activityWindow() {
        return Duration.ofDays(activityWindowDays);
    }
}
