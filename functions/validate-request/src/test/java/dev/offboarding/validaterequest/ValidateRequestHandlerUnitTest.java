package dev.offboarding.validaterequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.InvalidConfigurationException;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.validation.ExecutionName;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The workflow's entry: whatever a console user, a script or start-offboarding passed as the execution input, the
 * workflow either goes on with a complete, valid request or ends as Offboarding.InvalidRequest before any IAM or
 * STS call (this function calls neither).
 */
class ValidateRequestHandlerUnitTest {
    private static final String HOME = "123456789012";
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:OffboardUser:run-1";

    private final ValidateRequestHandler handler = new ValidateRequestHandler(new EntrySettings(HOME, 0));

    private JsonNode validate(String input, String executionName) throws Exception {
        String payload = "{\"request\": " + input + ", \"executionName\": \"" + executionName + "\", \"execution\": \""
                + EXECUTION + "\"}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out,
                new LocalContext("validate-request"));
        return Json.mapper().readTree(out.toByteArray());
    }

    private JsonNode validate(String input) throws Exception {
        return validate(input, "run-1");
    }

    private InvalidRequestException refused(String input) {
        return assertThrows(InvalidRequestException.class, () -> validate(input));
    }

    @Test
    void aRequestWithOnlyAUserNameGetsEveryDefault() throws Exception {
        JsonNode request = validate("{\"userName\": \"little_tester\"}").get("request");

        assertEquals("little_tester", request.get("userName").asText());
        assertEquals(false, request.get("dryRun").booleanValue());
        assertEquals(false, request.get("force").booleanValue());
        assertEquals(false, request.get("allowPrivileged").booleanValue());
        assertEquals(0, request.get("quarantineDays").intValue());
    }

    @Test
    void theDefaultQuarantineComesFromTheStack() throws Exception {
        ValidateRequestHandler withQuarantine = new ValidateRequestHandler(new EntrySettings(HOME, 14));
        String payload = "{\"request\": {\"userName\": \"bob\"}, \"executionName\": \"run-1\", \"execution\": \""
                + EXECUTION + "\"}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        withQuarantine.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out,
                new LocalContext("validate-request"));

        assertEquals(14, Json.mapper().readTree(out.toByteArray()).path("request").path("quarantineDays").intValue());
    }

    @Test
    void whatTheRequestSaysIsKept() throws Exception {
        JsonNode request = validate("{\"userName\": \"bob\", \"dryRun\": true, \"force\": true, \"quarantineDays\": 3,"
                + " \"allowPrivileged\": true, \"reason\": \"left\", \"requestedBy\": \"hr\"}").get("request");

        assertEquals(true, request.get("dryRun").booleanValue());
        assertEquals(true, request.get("force").booleanValue());
        assertEquals(true, request.get("allowPrivileged").booleanValue());
        assertEquals(3, request.get("quarantineDays").intValue());
        assertEquals("left", request.get("reason").asText());
    }

    @Test
    void theHomeAccountNeedsNoMemberAccount() throws Exception {
        assertTrue(validate("{\"userName\": \"bob\", \"accountId\": \"" + HOME + "\"}").get("memberAccount").isNull());
        assertTrue(validate("{\"userName\": \"bob\"}").get("memberAccount").isNull());
    }

    @Test
    void anotherAccountIsActedInWithASessionNamedAfterTheExecution() throws Exception {
        JsonNode member = validate("{\"userName\": \"bob\", \"accountId\": \"210987654321\"}").get("memberAccount");

        assertEquals("210987654321", member.get("accountId").asText());
        assertEquals("run-1", member.get("sessionName").asText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"null", "[]", "[{\"userName\": \"bob\"}]", "\"bob\"", "42", "true"})
    void anInputThatIsNotAnObjectIsRefused(String input) {
        InvalidRequestException e = refused(input);

        assertTrue(e.getMessage().contains("the input must be a JSON object"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"userName\": \"bob\", \"dryRun\": null}|\"dryRun\" is null",
            "{\"userName\": \"bob\", \"quarantineDays\": null}|\"quarantineDays\" is null",
            "{\"userName\": \"bob\", \"force\": null}|\"force\" is null",
            "{\"userName\": \"bob\", \"reason\": null}|\"reason\" is null",
            "{\"userName\": null}|\"userName\" is null",
            "{\"userName\": \"bob\", \"dryRun\": \"false\"}|\"dryRun\" must be true or false",
            "{\"userName\": \"bob\", \"dryRun\": 0}|\"dryRun\" must be true or false",
            "{\"userName\": \"bob\", \"quarantineDays\": 91}|quarantineDays must be from 0",
            "{\"userName\": \"bob\", \"quarantineDays\": -1}|quarantineDays must be from 0",
            "{\"userName\": \"bob\", \"quarantineDays\": 1.5}|\"quarantineDays\" must be a whole number",
            "{\"userName\": \"bob\", \"dryrun\": true}|unknown field \"dryrun\"",
            "{\"userName\": \"bob\", \"accountId\": 123456789012}|\"accountId\" must be a string",
            "{\"userName\": \"bob\", \"accountId\": \"12345\"}|accountId must be a 12-digit",
            "{\"userName\": \"bob\", \"allowPrivileged\": \"yes\"}|\"allowPrivileged\" must be true or false",
            "{\"userName\": \"bob\", \"memberAccount\": {\"accountId\": \"210987654321\", \"sessionName\": \"x1\"}}"
                    + "|memberAccount is set only by the workflow",
            "{\"userName\": \"bob\", \"execution\": \"" + EXECUTION + "\"}|execution is set only by the workflow",
            "{\"userName\": \"bob\", \"phase\": \"AGAIN\"}|phase is set only by the workflow",
            "{\"userName\": \"bob\", \"recovery\": {\"key\": \"k\", \"executionId\": \"" + EXECUTION + "\","
                    + " \"mfaDevices\": [\"arn:aws:iam::123456789012:mfa/alice\"]}}|recovery is set only by the workflow",
            "{}|userName is required",
            "{\"userName\": \"\"}|userName is empty"})
    void aMalformedRequestIsRefusedNamingTheField(String input, String expected) {
        InvalidRequestException e = refused(input);

        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aTriggerIsRefusedFromAnyoneButTheExecutionStartedForThatEvent() {
        String trigger = "{\"userName\": \"bob\", \"trigger\": {\"eventId\": \"e-1\", \"source\": \"hr.system\","
                + " \"time\": \"2026-11-20T12:00:00Z\"}}";

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> validate(trigger, "run-1"));

        assertTrue(e.getMessage().contains("trigger is set only by start-offboarding"), e.getMessage());
    }

    @Test
    void theExecutionStartOffboardingStartedForAnEventKeepsItsTrigger() throws Exception {
        String trigger = "{\"userName\": \"bob\", \"trigger\": {\"eventId\": \"e-1\", \"source\": \"hr.system\","
                + " \"time\": \"2026-11-20T12:00:00Z\"}}";

        JsonNode request = validate(trigger, ExecutionName.forEvent("e-1")).get("request");

        assertEquals("hr.system", request.path("trigger").path("source").asText());
    }

    @Test
    void theStackMustSayWhichAccountIsHome() {
        assertThrows(InvalidConfigurationException.class, () -> EntrySettings.fromEnvironment(Map.of()));
        assertThrows(InvalidConfigurationException.class,
                () -> EntrySettings.fromEnvironment(Map.of(EntrySettings.HOME_ACCOUNT_ID, HOME,
                        EntrySettings.DEFAULT_QUARANTINE_DAYS, "91")));
        assertEquals(new EntrySettings(HOME, 0),
                EntrySettings.fromEnvironment(Map.of(EntrySettings.HOME_ACCOUNT_ID, HOME)));
    }
}
