package dev.offboarding.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.offboarding.errors.InvalidConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The template's parameters reach the functions as environment variables; a malformed one is a deployment error. */
class FleetDefaultsComeFromTheEnvironmentUnitTest {
    @Test
    void unsetVariablesGiveTheTemplatesDefaults() {
        assertEquals(new FleetDefaults(25, 10, 10, 86400), FleetDefaults.fromEnvironment(Map.of()));
    }

    @Test
    void setVariablesAreRead() {
        assertEquals(new FleetDefaults(100, 20, 8, 7200), FleetDefaults.fromEnvironment(Map.of(
                "MAX_USERS_PER_RUN", "100", "MAX_SHARE_OF_ACCOUNT", "20", "MAX_CONCURRENCY_PER_ACCOUNT", "8",
                "APPROVAL_TIMEOUT_SECONDS", " 7200 ")));
    }

    @ParameterizedTest
    @CsvSource({"MAX_USERS_PER_RUN,0", "MAX_USERS_PER_RUN,5001", "MAX_SHARE_OF_ACCOUNT,101",
            "MAX_CONCURRENCY_PER_ACCOUNT,many", "APPROVAL_TIMEOUT_SECONDS,59"})
    void aValueOutsideItsRangeIsAConfigurationError(String variable, String value) {
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> FleetDefaults.fromEnvironment(Map.of(variable, value)));
        assertEquals(true, refused.getMessage().startsWith(variable + " must be a whole number from"),
                refused.getMessage());
    }
}
