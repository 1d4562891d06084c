package dev.offboarding.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The key layout: one prefix per account and user, the records under it in start order, nothing else in a key. */
class RecordKeysTest {
    private static final Instant STARTED = Instant.parse("2026-12-02T01:30:00Z");

    @Test
    void aKeyIsAccountUserAndTheStartInUtcThenTheExecutionName() {
        assertEquals("123456789012/little_tester/20261202T013000Z_offboard-little_tester-1.json",
                RecordKeys.key("123456789012", "little_tester", STARTED, "offboard-little_tester-1"));
        assertEquals("123456789012/little_tester/", RecordKeys.userPrefix("123456789012", "little_tester"));
        assertEquals("123456789012/little_tester/", RecordKeys.userPrefix("123456789012", "Little_Tester"),
                "IAM user names are unique ignoring case: one prefix for every spelling");
        assertEquals("123456789012/", RecordKeys.accountPrefix("123456789012"));
    }

    @Test
    void aUsersKeysSortInTheOrderTheirExecutionsStarted() {
        List<String> keys = new ArrayList<>(List.of(
                RecordKeys.key("123456789012", "alice", STARTED.plusSeconds(86_400 * 40), "c"),
                RecordKeys.key("123456789012", "alice", STARTED, "z"),
                RecordKeys.key("123456789012", "alice", STARTED.plusSeconds(1), "a")));

        keys.sort(null);

        assertEquals(List.of("123456789012/alice/20261202T013000Z_z.json",
                "123456789012/alice/20261202T013001Z_a.json", "123456789012/alice/20270111T013000Z_c.json"), keys);
    }

    @Test
    void iamUserNamesCharactersAreKept() {
        assertEquals("123456789012/a.b+c=d,e@f-g_h/", RecordKeys.userPrefix("123456789012", "a.b+c=d,e@f-g_h"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901", "1234567890123", "12345678901a", "", " 123456789012", "../123456789"})
    void anAccountIsTwelveDigits(String account) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RecordKeys.accountPrefix(account));
        assertTrue(refused.getMessage().startsWith("accountId must be 12 digits"), refused.getMessage());
    }

    @Test
    void noAccountIsRefusedToo() {
        assertThrows(IllegalArgumentException.class, () -> RecordKeys.accountPrefix(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice/bob", "..", ".", "a..b", "/alice", "alice\nbob", "alice\u0000", "alice\u007f",
        "al ice", "alice\\bob", ""})
    void aUserNameThatCouldChangeTheKeysShapeIsRefused(String userName) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RecordKeys.key("123456789012", userName, STARTED, "x"));
        assertTrue(refused.getMessage().startsWith("userName cannot be part of a record key"), refused.getMessage());
    }

    @Test
    void aRefusalShowsControlCharactersAsTheirCodes() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RecordKeys.userPrefix("123456789012", "alice\nbob"));
        assertEquals("userName cannot be part of a record key: alice\\u000abob", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "..", "x\ty"})
    void anExecutionNameThatCouldChangeTheKeysShapeIsRefused(String executionName) {
        assertThrows(IllegalArgumentException.class, () -> RecordKeys.key("123456789012", "alice", STARTED,
                executionName));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs", "a/../b", "a//b", "a\\b", "a\rb"})
    void aStoredKeyIsCheckedForTheSameCharacters(String key) {
        assertThrows(IllegalArgumentException.class, () -> RecordKeys.checked(key));
    }

    @Test
    void aPrefixMayBeEmptyButIsCheckedOtherwise() {
        assertEquals("", RecordKeys.checkedPrefix(""));
        assertEquals("123456789012/", RecordKeys.checkedPrefix("123456789012/"));
        assertThrows(IllegalArgumentException.class, () -> RecordKeys.checkedPrefix("../"));
        assertThrows(IllegalArgumentException.class, () -> RecordKeys.checkedPrefix(null));
    }
}
