package dev.offboarding.startoffboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.InvalidConfigurationException;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.errors.WorkflowNotStartedException;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.testing.LoggedEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

class StartOffboardingHandlerUnitTest {
    static final String STATE_MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:OffboardUser";
    static final String EVENT_ID = "6a7e8feb-b491-4cf7-a9f1-bf3703467718";
    static final String HOME = "123456789012";
    static final String MEMBER = "210987654321";
    static final String STRANGER = "999999999999";
    /** The deployment's settings: events from the home account, for users of the home account, no force. */
    static final Map<String, String> ENVIRONMENT = Map.of("STATE_MACHINE_ARN", STATE_MACHINE, "HOME_ACCOUNT_ID", HOME,
            "EVENT_SENDER_ACCOUNT_IDS", HOME);

    private final RecordingStateMachine sfn = new RecordingStateMachine();
    private final LocalContext context = new LocalContext("start-offboarding");

    static String event(String detail) {
        return eventFrom(HOME, detail);
    }

    /** An event as EventBridge delivers it, sent by {@code account}. */
    static String eventFrom(String account, String detail) {
        return "{\"version\": \"0\", \"id\": \"" + EVENT_ID + "\", \"detail-type\": \"Offboard user\","
                + " \"source\": \"hr.system\", \"account\": \"" + account + "\", \"time\": \"2026-11-20T12:00:00Z\","
                + " \"region\": \"eu-west-1\", \"resources\": [], \"detail\": " + detail + "}";
    }

    private JsonNode deliver(SfnClient client, String event) throws IOException {
        return deliver(client, ENVIRONMENT, event);
    }

    /** The event through the handler's entry point, as Lambda passes it, with the function's environment. */
    private JsonNode deliver(SfnClient client, Map<String, String> environment, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StartOffboardingHandler(client, WorkflowSettings.fromEnvironment(environment)).handleRequest(
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        return Json.mapper().readTree(out.toByteArray());
    }

    private static Map<String, String> environmentWith(String... variablesAndValues) {
        Map<String, String> environment = new HashMap<>(ENVIRONMENT);
        for (int i = 0; i < variablesAndValues.length; i += 2) {
            environment.put(variablesAndValues[i], variablesAndValues[i + 1]);
        }
        return environment;
    }

    @Test
    void anEventStartsOneExecutionNamedAfterItsIdWithTheEventAsTrigger() throws IOException {
        JsonNode result = deliver(sfn, event("{\"userName\": \"little_tester\", \"reason\": \"Left\"}"));

        assertEquals("STARTED", result.get("outcome").asText());
        assertEquals("event-" + EVENT_ID, result.get("executionName").asText());
        assertEquals("arn:aws:states:eu-west-1:123456789012:execution:OffboardUser:event-" + EVENT_ID,
                result.get("executionArn").asText());
        assertEquals(Map.of("event-" + EVENT_ID, "{\"userName\":\"little_tester\",\"reason\":\"Left\",\"trigger\":"
                + "{\"eventId\":\"" + EVENT_ID + "\",\"source\":\"hr.system\",\"time\":\"2026-11-20T12:00:00Z\"}}"),
                sfn.inputByName, "the detail as sent (no nulls added), and the event as its trigger");
    }

    @Test
    void theSameEventDeliveredTwiceStartsOneExecutionAndBothDeliveriesSucceed() throws IOException {
        String event = event("{\"userName\": \"little_tester\"}");

        JsonNode first = deliver(sfn, event);
        JsonNode second = deliver(sfn, event);

        assertEquals(1, sfn.inputByName.size(), "one execution");
        assertEquals(2, sfn.startCalls);
        assertEquals("STARTED", first.get("outcome").asText());
        assertEquals("ALREADY_STARTED", second.get("outcome").asText());
        assertEquals(first.get("executionArn"), second.get("executionArn"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{}|detail.userName is required",
        "{\"userName\": \"little tester\"}|detail.userName contains the character U+0020",
        "{\"userName\": \"little_tester\", \"dryrun\": true}|unknown field \"detail.dryrun\"",
        "{\"userName\": \"little_tester\", \"dryRun\": \"yes\"}|field \"detail.dryRun\" must be true or false",
        "{\"userName\": \"little_tester\", \"quarantineDays\": 400}|detail.quarantineDays must be from 0",
        "null|detail is required",
    })
    void aMalformedEventIsRefusedNamingTheFieldAndStartsNothing(String detail, String expected) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> deliver(sfn, event(detail)));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(0, sfn.startCalls, "nothing was started");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"detail\": {\"userName\": \"bob\"}}`|id is required",
        "`{\"id\": \"1\", \"source\": \"hr\", \"time\": \"2026-11-20T12:00:00Z\", \"detail\": {\"userName\": \"bob\"}, \"color\": 1}`|unknown field \"color\"",
        "`{\"id\": \"1\", \"source\": \"hr\", \"time\": \"noon\", \"detail\": {\"userName\": \"bob\"}}`|field \"time\" must be an ISO-8601 timestamp",
        "`[1, 2]`|must be a JSON object",
        "`not json`|not valid JSON",
    })
    void aMalformedEnvelopeIsRefusedToo(String event, String expected) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> deliver(sfn, event));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(0, sfn.startCalls);
    }

    @Test
    void whenStepFunctionsRefusesTheFailureNamesTheEventAndTheAnswer() {
        SfnClient refusing = new RecordingStateMachine() {
            @Override
            public StartExecutionResponse startExecution(StartExecutionRequest request) {
                throw SfnException.builder().message("Rate exceeded").statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build();
            }
        };

        WorkflowNotStartedException e = assertThrows(WorkflowNotStartedException.class,
                () -> deliver(refusing, event("{\"userName\": \"little_tester\"}")));

        assertTrue(e.getMessage().contains(EVENT_ID) && e.getMessage().contains("little_tester")
                && e.getMessage().contains("Rate exceeded"), e.getMessage());
    }

    @Test
    void eachLogLineIsJsonNamingTheExecutionAndTheUser() throws IOException {
        deliver(sfn, event("{\"userName\": \"little_tester\"}"));

        assertEquals(List.of("{\"event\":\"execution-started\",\"execution\":"
                + "\"arn:aws:states:eu-west-1:123456789012:execution:OffboardUser:event-" + EVENT_ID + "\","
                + "\"userName\":\"little_tester\",\"eventId\":\"" + EVENT_ID + "\",\"source\":\"hr.system\"}"),
                LoggedEvents.of(context));
    }

    @Test
    void theStateMachineArnSettingIsChecked() {
        assertEquals(STATE_MACHINE, WorkflowSettings.fromEnvironment(ENVIRONMENT).stateMachineArn());
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> WorkflowSettings.fromEnvironment(Map.of()));
        assertTrue(e.getMessage().contains("STATE_MACHINE_ARN"), e.getMessage());
    }

    // ---- what an event may ask for -------------------------------------------------------------------------------

    /** Only the workflow and start-offboarding set these; allowPrivileged only a person, by hand. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`\"memberAccount\": {\"accountId\": \"210987654321\", \"sessionName\": \"s1\"}, \"accountId\": \"210987654321\"`"
                + "|detail.memberAccount is set by the workflow",
        "`\"phase\": \"LAST\"`|detail.phase is set by the workflow",
        "`\"recovery\": {\"key\": \"k\", \"executionId\": \"arn:aws:states:eu-west-1:123456789012:execution:OffboardUser:r1\","
                + " \"mfaDevices\": [\"arn:aws:iam::123456789012:mfa/alice\"]}`|detail.recovery is set by the workflow",
        "`\"trigger\": {\"eventId\": \"e1\", \"source\": \"hr.system\", \"time\": \"2026-11-20T12:00:00Z\"}`"
                + "|detail.trigger is set by start-offboarding",
        "`\"execution\": \"arn:aws:states:eu-west-1:123456789012:execution:OffboardUser:r1\"`"
                + "|detail.execution is set by the workflow",
        "`\"allowPrivileged\": true`|detail.allowPrivileged is never accepted from an event",
        "`\"allowPrivileged\": false`|detail.allowPrivileged is never accepted from an event",
    })
    void whatOnlyTheProductOrAPersonSetsIsRefusedFromAnEventAndStartsNothing(String field, String expected) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> deliver(sfn,
                environmentWith("EVENT_ACCOUNT_IDS", MEMBER, "ALLOW_FORCE_FROM_EVENTS", "true"),
                event("{\"userName\": \"little_tester\", " + field + "}")));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("leave it out"), "says how to fix it: " + e.getMessage());
        assertEquals(0, sfn.startCalls, "nothing was started");
    }

    @ParameterizedTest(name = "[{index}] force {0}")
    @ValueSource(booleans = {true, false})
    void forceFromAnEventIsRefusedByDefault(boolean force) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> deliver(sfn, event("{\"userName\": \"little_tester\", \"force\": " + force + "}")));

        assertTrue(e.getMessage().contains("detail.force is not accepted from events in this deployment"
                + " (ALLOW_FORCE_FROM_EVENTS is false): leave it out"), e.getMessage());
        assertEquals(0, sfn.startCalls);
    }

    @Test
    void anEventMayNotShortenTheDeploymentsQuarantine() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> deliver(sfn,
                environmentWith("DEFAULT_QUARANTINE_DAYS", "14"),
                event("{\"userName\": \"little_tester\", \"quarantineDays\": 0}")));

        assertTrue(e.getMessage().contains("detail.quarantineDays 0 is shorter than this deployment's quarantine of 14"),
                e.getMessage());
        assertEquals(0, sfn.startCalls);
    }

    @Test
    void anEventMayLengthenTheDeploymentsQuarantine() throws IOException {
        JsonNode result = deliver(sfn, environmentWith("DEFAULT_QUARANTINE_DAYS", "14"),
                event("{\"userName\": \"little_tester\", \"quarantineDays\": 30}"));

        assertEquals("STARTED", result.get("outcome").asText());
    }

    @Test
    void anEventReplayedFromAnArchiveIsRefusedSinceItDidNotPassTheBusPolicy() {
        String replayed = event("{\"userName\": \"little_tester\"}").replaceFirst("\\{", "{\"replay-name\": \"r1\", ");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> deliver(sfn, replayed));

        assertTrue(e.getMessage().contains("events replayed from an archive"), e.getMessage());
        assertEquals(0, sfn.startCalls);
    }

    @Test
    void forceFromAnEventIsAcceptedWhereTheDeploymentAllowsIt() throws IOException {
        JsonNode result = deliver(sfn, environmentWith("ALLOW_FORCE_FROM_EVENTS", "true"),
                event("{\"userName\": \"little_tester\", \"force\": true}"));

        assertEquals("STARTED", result.get("outcome").asText());
        assertTrue(sfn.inputByName.get("event-" + EVENT_ID).contains("\"force\":true"), sfn.inputByName.toString());
    }

    @ParameterizedTest(name = "[{index}] EVENT_ACCOUNT_IDS={0}")
    @ValueSource(strings = {"", "111111111111,222222222222"})
    void anEventForAUserOfAnotherAccountIsRefusedUnlessThatAccountIsListed(String eventAccounts) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> deliver(sfn,
                environmentWith("EVENT_ACCOUNT_IDS", eventAccounts),
                event("{\"userName\": \"little_tester\", \"accountId\": \"" + MEMBER + "\"}")));

        assertTrue(e.getMessage().contains("detail.accountId " + MEMBER + " is not an account that events may"
                + " offboard users in: leave it out for the home account " + HOME + ", or add it to EVENT_ACCOUNT_IDS"),
                e.getMessage());
        assertEquals(0, sfn.startCalls);
    }

    @ParameterizedTest(name = "[{index}] accountId {1} with EVENT_ACCOUNT_IDS={0}")
    @CsvSource(delimiter = '|', value = {
        "|123456789012",
        "210987654321|210987654321",
        "111111111111, 210987654321|210987654321",
        "*|210987654321",
        "*|123456789012",
    })
    void anEventForTheHomeAccountOrAListedOneIsStarted(String eventAccounts, String accountId) throws IOException {
        JsonNode result = deliver(sfn, environmentWith("EVENT_ACCOUNT_IDS", eventAccounts == null ? "" : eventAccounts),
                event("{\"userName\": \"little_tester\", \"accountId\": \"" + accountId + "\"}"));

        assertEquals("STARTED", result.get("outcome").asText());
        assertEquals(1, sfn.startCalls);
    }

    @Test
    void anEventFromAnAccountThatMayNotSendThemIsRefused() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> deliver(sfn, eventFrom(STRANGER, "{\"userName\": \"little_tester\"}")));

        assertTrue(e.getMessage().contains("account " + STRANGER + " may not send offboarding events: only the"
                + " accounts in EVENT_SENDER_ACCOUNT_IDS may"), e.getMessage());
        assertEquals(0, sfn.startCalls);
    }

    @Test
    void anEventThatDoesNotSayWhichAccountSentItIsRefused() {
        String withoutAccount = event("{\"userName\": \"little_tester\"}").replace("\"account\": \"" + HOME + "\", ", "");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> deliver(sfn, withoutAccount));

        assertTrue(e.getMessage().contains("account is required"), e.getMessage());
        assertEquals(0, sfn.startCalls);
    }

    @Test
    void anEventFromAnyListedSenderIsStarted() throws IOException {
        JsonNode result = deliver(sfn, environmentWith("EVENT_SENDER_ACCOUNT_IDS", HOME + "," + STRANGER),
                eventFrom(STRANGER, "{\"userName\": \"little_tester\"}"));

        assertEquals("STARTED", result.get("outcome").asText());
    }

    @Test
    void everyRefusalOfOneEventIsNamedAtOnce() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> deliver(sfn,
                eventFrom(STRANGER, "{\"userName\": \"little_tester\", \"force\": true, \"allowPrivileged\": true,"
                        + " \"accountId\": \"" + MEMBER + "\"}")));

        assertEquals(4, e.problems().size(), e.getMessage());
        assertEquals(0, sfn.startCalls);
    }

    /**
     * {@code "dryRun": null} inside the detail is as ambiguous as at the top of a request (was a dry run meant?), so
     * it is refused like every other explicit null flag.
     */
    @Test
    void anExplicitNullFlagInTheDetailIsRefusedAndStartsNothing() {
        assertThrows(InvalidRequestException.class,
                () -> deliver(sfn, event("{\"userName\": \"u\", \"dryRun\": null}")));

        assertEquals(0, sfn.startCalls);
    }

    /** With "accountId": null the run would act on the same-named user of the home account. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"accountId", "reason", "requestedBy", "trigger",
        "memberAccount", "execution", "allowPrivileged", "force", "dryRun", "quarantineDays"})
    void anyNullInTheDetailIsRefusedNamingItAndStartsNothing(String field) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> deliver(sfn, event("{\"userName\": \"u\", \"" + field + "\": null}")));

        assertTrue(e.getMessage().contains("\"detail." + field + "\" is null"), e.getMessage());
        assertEquals(0, sfn.startCalls);
    }

    @ParameterizedTest(name = "[{index}] {0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "HOME_ACCOUNT_ID|``|HOME_ACCOUNT_ID must be the 12-digit id",
        "HOME_ACCOUNT_ID|12345678901|HOME_ACCOUNT_ID must be the 12-digit id",
        "EVENT_SENDER_ACCOUNT_IDS|``|EVENT_SENDER_ACCOUNT_IDS is required",
        "EVENT_SENDER_ACCOUNT_IDS|`  `|EVENT_SENDER_ACCOUNT_IDS is required",
        "EVENT_SENDER_ACCOUNT_IDS|*|EVENT_SENDER_ACCOUNT_IDS must be comma-separated 12-digit account ids",
        "EVENT_SENDER_ACCOUNT_IDS|`123456789012,`|EVENT_SENDER_ACCOUNT_IDS must be comma-separated 12-digit account ids",
        "EVENT_ACCOUNT_IDS|2109876543|EVENT_ACCOUNT_IDS must be comma-separated 12-digit account ids",
        "EVENT_ACCOUNT_IDS|`*,210987654321`|EVENT_ACCOUNT_IDS must be comma-separated 12-digit account ids",
        "ALLOW_FORCE_FROM_EVENTS|yes|ALLOW_FORCE_FROM_EVENTS must be \"true\" or \"false\"",
        "ALLOW_FORCE_FROM_EVENTS|TRUE|ALLOW_FORCE_FROM_EVENTS must be \"true\" or \"false\"",
        "ALLOW_FORCE_FROM_EVENTS|``|ALLOW_FORCE_FROM_EVENTS must be \"true\" or \"false\"",
    })
    void aMalformedEventSettingStopsTheFunctionFromStarting(String variable, String value, String expected) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> WorkflowSettings.fromEnvironment(environmentWith(variable, value == null ? "" : value)));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] without {0}")
    @ValueSource(strings = {"HOME_ACCOUNT_ID", "EVENT_SENDER_ACCOUNT_IDS"})
    void theHomeAccountAndTheSendersAreRequiredSettings(String variable) {
        Map<String, String> environment = new HashMap<>(ENVIRONMENT);
        environment.remove(variable);

        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> WorkflowSettings.fromEnvironment(environment));

        assertTrue(e.getMessage().startsWith(variable), e.getMessage());
    }
}
