package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.errors.InvalidRequestException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, sent through the same JSON entry point Lambda uses, is refused with an error that names what is
 * wrong, and not a single IAM call is made.
 */
class BadInputTest {
    private static final String LONG_NAME = "a".repeat(65);

    static Stream<Arguments> badRequests() {
        return Stream.of(
                // function, payload, what the message must mention
                Arguments.of("list-tokens", "{}", "userName is required"),
                Arguments.of("list-tokens", "{\"userName\": \"\"}", "userName is empty"),
                Arguments.of("list-tokens", "{\"userName\": \"" + LONG_NAME + "\"}", "65 characters"),
                Arguments.of("list-tokens", "{\"userName\": \"little tester\"}", "U+0020"),
                Arguments.of("list-tokens", "{\"userName\": \"little/tester\"}", "'/'"),
                Arguments.of("list-tokens", "{\"userName\": \"zoë\"}", "'ë'"),
                Arguments.of("list-tokens", "{\"userName\": 123}", "\"userName\" must be a string"),
                Arguments.of("list-tokens", "{\"userName\": null}", "userName is required"),
                Arguments.of("list-tokens", "{\"userName\": \"bob\", \"dryRun\": \"yes\"}", "\"dryRun\" must be true or false"),
                Arguments.of("list-tokens", "{\"userName\": \"bob\", \"dryRun\": 1}", "\"dryRun\" must be true or false"),
                Arguments.of("list-tokens", "{\"userName\": \"bob\", \"dryRun\": null}", "\"dryRun\" must be true or false, not null"),
                Arguments.of("list-tokens", "{\"userName\": \"bob\", \"quarantineDays\": null}", "\"quarantineDays\" must be a whole number, not null"),
                Arguments.of("list-tokens", "{\"userName\": \"bob\", \"userName\": \"alice\"}", "userName"),
                Arguments.of("list-tokens", "{\"userName\": \"bob\", \"quarantineDays\": \"3\"}", "\"quarantineDays\" must be a whole number"),
                Arguments.of("list-tokens", "{\"userName\": \"bob\", \"quarantineDays\": 1.5}", "\"quarantineDays\" must be a whole number"),
                Arguments.of("list-tokens", "{\"userName\": \"bob\", \"quarantineDays\": 400}", "quarantineDays must be from 0"),
                Arguments.of("list-tokens", "{\"userName\": \"bob\", \"accountId\": \"12345\"}", "accountId must be a 12-digit"),
                Arguments.of("list-tokens", "{\"userName\": \"bob\", \"accountId\": 123456789012}", "\"accountId\" must be a string"),
                Arguments.of("list-tokens", "{\"userName\": \"bob\", \"dryrun\": true}", "unknown field \"dryrun\""),
                Arguments.of("list-tokens", "{\"userName\": \"bob\", \"extra\": {\"nested\": [1, 2]}}", "unknown field \"extra\""),
                Arguments.of("list-tokens", "[\"bob\"]", "must be a JSON object"),
                Arguments.of("list-tokens", "\"bob\"", "must be a JSON object"),
                Arguments.of("list-tokens", "not json", "not valid JSON"),
                Arguments.of("list-tokens", "{\"userName\": \"bob\"", "not valid JSON"),
                Arguments.of("list-tokens", "", "empty"),
                Arguments.of("list-tokens", "null", "empty or null"),
                Arguments.of("remove-tokens", "{\"mode\": \"REMOVE\"}", "inventory is required"),
                Arguments.of("remove-tokens", "{\"inventory\": {\"userName\": \"bob\"}}", "mode is required"),
                Arguments.of("remove-tokens", "{\"inventory\": {\"userName\": \"bob\"}, \"mode\": \"DELETE_ALL\"}",
                        "\"mode\" must be one of \"LOCK_OUT\", \"REMOVE\""),
                Arguments.of("remove-tokens", "{\"inventory\": {\"userName\": \"bob\", \"accessKeys\": \"AKIA\"},"
                        + " \"mode\": \"REMOVE\"}", "\"inventory.accessKeys\" must be an array"),
                Arguments.of("remove-tokens", "{\"inventory\": {\"userName\": \"bob\", \"accessKeys\": [{\"id\": \"AKIA\"}]},"
                        + " \"mode\": \"REMOVE\"}", "unknown field \"inventory.accessKeys[0].id\""),
                Arguments.of("remove-tokens", "{\"inventory\": {\"userName\": \"bob\"}, \"mode\": \"REMOVE\","
                        + " \"quarantineDays\": 3}", "quarantineDays goes with mode LOCK_OUT"),
                Arguments.of("remove-tokens", "{\"inventory\": {\"userName\": \"bad name\"}, \"mode\": \"REMOVE\"}",
                        "inventory.userName contains"),
                Arguments.of("delete-user", "{\"userName\": \"bob\", \"attempt\": -1}", "attempt must be 0 or more"),
                Arguments.of("delete-user", "{\"userName\": \"bob\", \"attempt\": \"1\"}", "\"attempt\" must be a whole number"),
                Arguments.of("delete-user", "{\"user\": \"bob\"}", "unknown field \"user\""));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badRequests")
    void isRefusedWithAClearErrorAndNoIamCall(String function, String payload, String mentioned) {
        Scenario s = Scenario.load("every-blocker");

        Invocation result = s.functions.invoke(function, payload);

        assertEquals(InvalidRequestException.class.getName(), result.errorType(), String.valueOf(result.payload()));
        assertTrue(result.errorMessage().contains(mentioned),
                "message should mention <" + mentioned + "> but was: " + result.errorMessage());
        assertEquals(List.of(), s.iam.calls().all(), "no IAM call at all");
    }
}
