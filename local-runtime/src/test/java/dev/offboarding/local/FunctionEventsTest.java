package dev.offboarding.local;

import static dev.offboarding.local.Scenario.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
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
 * is what the function returns for the little-tester world, as are the examples made from it ({@link DerivedExamples}).
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

    static Stream<String> derivedExamples() {
        return Stream.of(DerivedExamples.LIST_TOKENS_OUTPUT, DerivedExamples.REMOVE_TOKENS,
                DerivedExamples.REMOVE_TOKENS_LOCK_OUT);
    }

    /**
     * The documented list-tokens output is what the function returns for the little-tester world, and the
     * remove-tokens examples carry that inventory. Only compares: the files are rewritten by a separate step
     * ({@link DerivedExamples#main}), never by a test run.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("derivedExamples")
    void theDerivedExampleIsWhatTheFunctionsMakeForLittleTester(String file) throws IOException {
        JsonNode now = DerivedExamples.now().get(file);

        assertEquals(JSON.readTree(Files.readString(EVENTS.resolve(file))), now, "events/" + file + " is not what the"
                + " functions make now: if the change is intended, rewrite it with `mvn -B -q -pl local-runtime -am"
                + " process-test-classes -Pregenerate-examples` and review the diff");
    }
}
