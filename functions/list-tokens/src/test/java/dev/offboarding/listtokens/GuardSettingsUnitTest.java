package dev.offboarding.listtokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.errors.InvalidConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard settings come from the function's environment; a malformed one is a deployment error, named. */
class GuardSettingsUnitTest {

    @Test
    void withoutSettingsTheDefaultsApply() {
        GuardSettings settings = GuardSettings.fromEnvironment(Map.of());

        assertEquals("offboarding:protected", settings.protectedTagKey());
        assertEquals(7, settings.activityWindowDays());
        assertEquals(Duration.ofDays(7), settings.activityWindow());
        assertEquals(GuardSettings.defaults(), settings);
    }

    @Test
    void theConfiguredTagKeyAndWindowAreRead() {
        GuardSettings settings = GuardSettings.fromEnvironment(
                Map.of("PROTECTED_TAG_KEY", "acme:keep", "ACTIVITY_WINDOW_DAYS", "30"));

        assertEquals(new GuardSettings("acme:keep", 30), settings);
    }

    @Test
    void surroundingSpacesOfASettingAreIgnored() {
        GuardSettings settings = GuardSettings.fromEnvironment(
                Map.of("PROTECTED_TAG_KEY", " acme:keep ", "ACTIVITY_WINDOW_DAYS", " 14 "));

        assertEquals(new GuardSettings("acme:keep", 14), settings);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "3650"})
    void aWindowFromZeroToTenYearsIsAccepted(String days) {
        assertEquals(Integer.parseInt(days),
                GuardSettings.fromEnvironment(Map.of("ACTIVITY_WINDOW_DAYS", days)).activityWindowDays());
    }

    @ParameterizedTest
    @ValueSource(strings = {"seven", "7d", "7.5", "-1", "3651", "", "  ", "99999999999", "P7D"})
    void aMalformedActivityWindowIsAConfigurationErrorNamingTheVariableAndTheValue(String days) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> GuardSettings.fromEnvironment(Map.of("ACTIVITY_WINDOW_DAYS", days)));

        assertTrue(e.getMessage().contains("ACTIVITY_WINDOW_DAYS"), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + days.strip() + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("from 0 (off) to 3650"), e.getMessage());
        assertFalse(e.retryable());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 129})
    void aProtectedTagKeyThatIsEmptyOrTooLongIsAConfigurationError(int length) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> GuardSettings.fromEnvironment(Map.of("PROTECTED_TAG_KEY", "k".repeat(length))));

        assertTrue(e.getMessage().contains("PROTECTED_TAG_KEY"), e.getMessage());
    }

    @Test
    void aTagKeyOf128CharactersIsAccepted() {
        assertEquals(128, GuardSettings.fromEnvironment(Map.of("PROTECTED_TAG_KEY", "k".repeat(128)))
                .protectedTagKey().length());
    }
}
