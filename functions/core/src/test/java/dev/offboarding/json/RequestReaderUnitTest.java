package dev.offboarding.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.Trigger;
import java.time.Instant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The request contract: a request that would be silently reinterpreted can delete the wrong thing, so every
 * malformed request is refused with a message naming the field and the fix.
 */
class RequestReaderUnitTest {

    private static OffboardingRequest read(String json) {
        return RequestReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                OffboardingRequest.class);
    }

    private static InvalidRequestException refused(String json) {
        return assertThrows(InvalidRequestException.class, () -> read(json));
    }

    @Test
    void aRequestWithOnlyAUserNameIsRead() {
        OffboardingRequest request = read("{\"userName\": \"little_tester\"}");

        assertEquals("little_tester", request.userName());
        assertNull(request.accountId());
        assertNull(request.dryRun());
        assertNull(request.quarantineDays());
    }

    @Test
    void everyFieldOfTheRequestIsRead() {
        OffboardingRequest request = read("{\"userName\": \"a.b+c=d,e@f_g-h\", \"accountId\": \"123456789012\","
                + " \"dryRun\": true, \"force\": false, \"quarantineDays\": 90, \"reason\": \"left\","
                + " \"requestedBy\": \"hr@example.com\"}");

        assertEquals(new OffboardingRequest("a.b+c=d,e@f_g-h", "123456789012", true, false, 90, "left",
                "hr@example.com", null, null, null, null, null, null), request);
    }

    @Test
    void theTriggerAndTheExecutionAreRead() {
        OffboardingRequest request = read("{\"userName\": \"bob\", \"trigger\": {\"eventId\": "
                + "\"6a7e8feb-b491-4cf7-a9f1-bf3703467718\", \"source\": \"hr.system\", \"time\": \"2026-11-20T12:00:00Z\"},"
                + " \"execution\": \"arn:aws:states:us-east-1:123456789012:execution:OffboardUser:event-1\"}");

        assertEquals(new Trigger("6a7e8feb-b491-4cf7-a9f1-bf3703467718", "hr.system",
                Instant.parse("2026-11-20T12:00:00Z")), request.trigger());
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:OffboardUser:event-1", request.execution());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"userName\": \"bob\", \"trigger\": {}}|trigger.eventId is required",
        "{\"userName\": \"bob\", \"trigger\": {\"eventId\": \"e\", \"source\": \"s\"}}|trigger.time is required",
        "{\"userName\": \"bob\", \"trigger\": {\"eventId\": \"e\", \"source\": \"s\", \"time\": \"yesterday\"}}|trigger.time",
        "{\"userName\": \"bob\", \"trigger\": {\"eventId\": \"e\", \"source\": \"s\", \"time\": \"2026-11-20T12:00:00Z\", \"detail\": 1}}|unknown field \"trigger.detail\"",
        "{\"userName\": \"bob\", \"execution\": \"my run\"}|execution must be a Step Functions execution ARN",
    })
    void aMalformedTriggerOrExecutionIsRefusedNamingTheField(String input, String expected) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> read(input));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // input | what the message must contain (field) | what it must contain (the fix)
        "{}|userName is required|\"userName\": \"little_tester\"",
        "{\"userName\": null}|userName is required|\"userName\": \"little_tester\"",
        "{\"userName\": \"\"}|userName is empty|1 to 64 characters",
        "{\"userName\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}"
                + "|userName is 65 characters long|at most 64",
        "{\"userName\": \"bo b\"}|userName contains the character U+0020 at position 3"
                + "|only letters, digits and + = , . @ _ -",
        "{\"userName\": \"bo/b\"}|userName contains '/' at position 3|only letters, digits and + = , . @ _ -",
        "{\"userName\": \"bo#b\"}|userName contains '#' at position 3|only letters, digits and + = , . @ _ -",
        "{\"userName\": \"bö\"}|userName contains 'ö' at position 2|only letters, digits and + = , . @ _ -",
        "{\"userName\": \"bob\\t\"}|userName contains the character U+0009 at position 4|only letters, digits",
        "{\"userName\": 123}|field \"userName\"|must be a string",
        "{\"userName\": [\"bob\"]}|field \"userName\"|must be a string",
        "{\"userName\": {\"name\": \"bob\"}}|field \"userName\"|must be a string",
        "{\"userName\": true}|field \"userName\"|must be a string",
        "{\"userName\": \"bob\", \"dryRun\": \"yes\"}|field \"dryRun\"|must be true or false",
        "{\"userName\": \"bob\", \"dryRun\": \"true\"}|field \"dryRun\"|must be true or false",
        "{\"userName\": \"bob\", \"dryRun\": 1}|field \"dryRun\"|must be true or false",
        "{\"userName\": \"bob\", \"dryRun\": 0}|field \"dryRun\"|must be true or false",
        "{\"userName\": \"bob\", \"force\": \"false\"}|field \"force\"|must be true or false",
        "{\"userName\": \"bob\", \"quarantineDays\": \"3\"}|field \"quarantineDays\"|must be a whole number",
        "{\"userName\": \"bob\", \"quarantineDays\": 1.5}|field \"quarantineDays\"|must be a whole number",
        "{\"userName\": \"bob\", \"quarantineDays\": 3.0}|field \"quarantineDays\"|must be a whole number",
        "{\"userName\": \"bob\", \"quarantineDays\": true}|field \"quarantineDays\"|must be a whole number",
        "{\"userName\": \"bob\", \"quarantineDays\": -1}|quarantineDays must be from 0|to 90; it is -1",
        "{\"userName\": \"bob\", \"quarantineDays\": 91}|quarantineDays must be from 0|to 90; it is 91",
        "{\"userName\": \"bob\", \"accountId\": 123456789012}|field \"accountId\"|must be a string",
        "{\"userName\": \"bob\", \"accountId\": \"12345678901\"}|accountId must be a 12-digit AWS account id"
                + "|\"123456789012\"",
        "{\"userName\": \"bob\", \"accountId\": \"1234567890123\"}|accountId must be a 12-digit|\"123456789012\"",
        "{\"userName\": \"bob\", \"accountId\": \"12345678901a\"}|accountId must be a 12-digit|\"123456789012\"",
        "{\"userName\": \"bob\", \"accountId\": \"\"}|accountId must be a 12-digit|or absent",
        "{\"userName\": \"bob\", \"dryrun\": true}|unknown field \"dryrun\"|remove it or correct its spelling",
        "{\"userName\": \"bob\", \"dryrun\": \"yes\"}|unknown field \"dryrun\"|accepted fields here are",
        "{\"username\": \"bob\"}|unknown field \"username\"|userName",
        "{\"userName\": \"bob\", \"mode\": \"REMOVE\"}|unknown field \"mode\"|remove it or correct its spelling",
        "not json at all|not valid JSON|line 1",
        "{\"userName\": \"bob\"|not valid JSON|line 1",
        "[]|must be a JSON object|JSON object",
        "[{\"userName\": \"bob\"}]|must be a JSON object|JSON object",
        "\"bob\"|must be a JSON object|JSON object",
        "123|must be a JSON object|JSON object",
        "null|the request is empty or null|{\"userName\": \"little_tester\"}",
        "`   `|the request is empty or null|{\"userName\": \"little_tester\"}",
    })
    void aMalformedRequestIsRefusedNamingTheFieldAndTheFix(String json, String names, String fix) {
        InvalidRequestException e = refused(json);

        assertTrue(e.getMessage().contains(names), "names the field: " + e.getMessage());
        assertTrue(e.getMessage().contains(fix), "says how to fix it: " + e.getMessage());
        assertFalse(e.problems().isEmpty());
        assertFalse(e.retryable(), "an invalid request never succeeds by retrying");
    }

    @Test
    void anEmptyInputIsRefusedAsEmpty() {
        InvalidRequestException e = refused("");

        assertTrue(e.getMessage().contains("the request is empty or null"), e.getMessage());
    }

    @Test
    void theUnknownFieldMessageListsTheAcceptedFieldsSorted() {
        InvalidRequestException e = refused("{\"userName\": \"bob\", \"dryrun\": true}");

        assertTrue(e.getMessage().contains(
                "accepted fields here are accountId, allowPrivileged, dryRun, execution, force, memberAccount, phase, quarantineDays, reason, recovery, requestedBy,"
                        + " trigger, userName"),
                e.getMessage());
    }

    @Test
    void contentAfterTheRequestObjectIsRefused() {
        refused("{\"userName\": \"bob\"} {\"userName\": \"alice\"}");
    }

    @Test
    void everyValueProblemIsReportedAtOnce() {
        InvalidRequestException e = refused("{\"userName\": \"bo b\", \"accountId\": \"1\", \"quarantineDays\": 99}");

        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("userName"), e.getMessage());
        assertTrue(e.problems().get(1).startsWith("accountId"), e.getMessage());
        assertTrue(e.problems().get(2).startsWith("quarantineDays"), e.getMessage());
    }

    @Test
    void aReasonLongerThanTheAuditRecordKeepsIsRefused() {
        InvalidRequestException e = refused("{\"userName\": \"bob\", \"reason\": \"" + "x".repeat(1025) + "\"}");

        assertTrue(e.getMessage().contains("reason is 1025 characters long; at most 1024"), e.getMessage());
    }

    @Test
    void anUnreadableStreamIsAnInvalidRequest() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> RequestReader.read(broken, OffboardingRequest.class));
        assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
    }

    @Test
    void aSixtyFourCharacterNameWithEveryAllowedCharacterIsAccepted() {
        String name = "Az09+=,.@_-" + "b".repeat(53);

        assertEquals(64, name.length());
        assertEquals(name, read("{\"userName\": \"" + name + "\"}").userName());
    }

    @Test
    void quarantineDaysFromZeroToNinetyAreAccepted() {
        assertEquals(0, read("{\"userName\": \"bob\", \"quarantineDays\": 0}").quarantineDays());
        assertEquals(90, read("{\"userName\": \"bob\", \"quarantineDays\": 90}").quarantineDays());
    }

    @Test
    void aRequestBuiltForAUserIsValid() {
        assertEquals(java.util.List.of(), OffboardingRequest.forUser("little_tester").problems());
    }
}
