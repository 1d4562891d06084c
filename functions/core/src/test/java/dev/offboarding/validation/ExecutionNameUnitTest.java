package dev.offboarding.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExecutionNameUnitTest {
    @ParameterizedTest
    @ValueSource(strings = {"6a7e8feb-b491-4cf7-a9f1-bf3703467718", "a", "id with spaces/and:colons",
        "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890",
        "événement"})
    void everyEventIdGivesAValidNameThatIsAlwaysTheSame(String eventId) {
        String name = ExecutionName.forEvent(eventId);

        assertTrue(name.matches("[A-Za-z0-9_-]{1,80}"), name);
        assertEquals(name, ExecutionName.forEvent(eventId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"6a7e8feb-b491-4cf7-a9f1-bf3703467718", "a/b"})
    void differentEventsGetDifferentNames(String eventId) {
        assertNotEquals(ExecutionName.forEvent(eventId), ExecutionName.forEvent(eventId + "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"6a7e8feb-b491-4cf7-a9f1-bf3703467718"})
    void anEventBridgeIdIsReadableInTheName(String eventId) {
        assertEquals("event-" + eventId, ExecutionName.forEvent(eventId));
    }
}
