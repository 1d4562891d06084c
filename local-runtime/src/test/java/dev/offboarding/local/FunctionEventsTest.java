package dev.offboarding.local;

import static dev.offboarding.local.Scenario.JSON;
import static dev.offboarding.local.Scenario.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example events in events/ are real: each is accepted by its function, and the documented list-tokens output
 * is what the function returns for the little-tester world. Run with -Devents.update=true to rewrite the examples
 * that are derived from that output.
 */
class FunctionEventsTest {
    private static final Path EVENTS = Scenario.eventsDir();

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(LocalFunctions.LIST_TOKENS, "list-tokens.json"),
                Arguments.of(LocalFunctions.LIST_TOKENS, "offboarding-request.json"),
                Arguments.of(LocalFunctions.REMOVE_TOKENS, "remove-tokens.json"),
                Arguments.of(LocalFunctions.REMOVE_TOKENS, "remove-tokens-lock-out.json"),
                Arguments.of(LocalFunctions.DELETE_USER, "delete-user.json"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("events")
    void eachFunctionEventIsAcceptedByItsFunction(String function, String file) throws IOException {
        Scenario s = Scenario.load("little-tester");
        Invocation result = s.functions.invoke(function, Files.readString(EVENTS.resolve(file)));
        if (result.failed()) {
            // delete-user on a user that still has blockers: refused by IAM, but the input itself was accepted.
            assertEquals("dev.offboarding.errors.UserDeleteConflictException", result.errorType(), result.errorMessage());
        }
        assertFalse(s.iam.calls().all().isEmpty(), "the request went past validation to IAM");
    }

    @Test
    void theCheckRoleUsableEventIsAcceptedAndAnswersNotYetWhileTheRoleDoesNotExist() throws IOException {
        Scenario s = Scenario.load("little-tester");
        Invocation result = s.functions.invoke(LocalFunctions.CHECK_ROLE_USABLE,
                Files.readString(EVENTS.resolve("check-role-usable.json")));
        assertEquals("dev.offboarding.errors.RoleNotYetUsableException", result.errorType(), result.errorMessage());
        assertEquals("Role arn:aws:iam::123456789012:role/provisioned/deployer is not usable yet: EXISTS fails: iam:GetRole does not"
                + " find role deployer (NoSuchEntity) (passed: []; consecutive successes start again at 0 of 3).",
                result.errorMessage());
    }

    @Test
    void theWaitForRoleInputIsAValidCheckRoleUsableRequest() throws IOException {
        Scenario s = Scenario.load("little-tester");
        Invocation result = s.functions.invoke(LocalFunctions.CHECK_ROLE_USABLE,
                "{\"request\": " + Files.readString(EVENTS.resolve("wait-for-role.json")) + "}");
        assertEquals("dev.offboarding.errors.RoleNotYetUsableException", result.errorType(), result.errorMessage());
    }

    @Test
    void theDocumentedListTokensOutputIsWhatTheFunctionReturnsForLittleTester() throws IOException {
        Scenario s = Scenario.load("little-tester");
        JsonNode actual = json(s.listTokens("little_tester"));
        Path golden = EVENTS.resolve("list-tokens-output.json");
        if (Boolean.getBoolean("events.update")) {
            write(golden, actual);
            write(EVENTS.resolve("remove-tokens.json"), removeRequest(actual, "REMOVE", null));
            write(EVENTS.resolve("remove-tokens-lock-out.json"), removeRequest(actual, "LOCK_OUT", 14));
        }
        assertEquals(JSON.readTree(Files.readString(golden)), actual);
    }

    private static ObjectNode removeRequest(JsonNode inventory, String mode, Integer quarantineDays) {
        ObjectNode request = JSON.createObjectNode();
        request.set("inventory", inventory);
        request.put("mode", mode).put("dryRun", false);
        if (quarantineDays != null) {
            request.put("quarantineDays", quarantineDays);
        }
        return request;
    }

    private static void write(Path file, JsonNode json) throws IOException {
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    }
}
