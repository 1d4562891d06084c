package dev.offboarding.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

    /**
     * In a member account the execution name is the STS role session name, which STS limits to 2 to 64 characters
     * of letters, digits and + = , . @ _ -: every name, whatever the event id, must be one.
     */
    @ParameterizedTest
    @ValueSource(strings = {"6a7e8feb-b491-4cf7-a9f1-bf3703467718", "a", "id with spaces/and:colons", "événement",
        // 58 safe characters: the longest id kept as it is ("event-" + 58 = 64)
        "0123456789012345678901234567890123456789012345678901234567",
        // 59 and 74 safe characters: too long to keep, so hashed
        "01234567890123456789012345678901234567890123456789012345678",
        "01234567890123456789012345678901234567890123456789012345678901234567890123",
        "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"})
    void everyNameIsAlsoAValidStsRoleSessionName(String eventId) {
        String name = ExecutionName.forEvent(eventId);

        assertTrue(name.length() <= 64, name + " is " + name.length() + " characters");
        assertEquals(List.of(), MemberAccount.sessionNameProblems("sessionName", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123456789012345678901234567890123456789012345678901234567", "a b"})
    void idsThatDifferOnlyPastTheLengthThatIsKeptGetDifferentNames(String eventId) {
        String longer = eventId + "8";
        String longerStill = eventId + "89";

        assertNotEquals(ExecutionName.forEvent(longer), ExecutionName.forEvent(longerStill));
        assertNotEquals(ExecutionName.forEvent(eventId), ExecutionName.forEvent(longer));
        assertEquals(ExecutionName.forEvent(longerStill), ExecutionName.forEvent(eventId + "89"), "idempotent");
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
