package dev.offboarding.startoffboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An event of detail-type "Fleet Offboarding Requested" carries a fleet request: start-offboarding starts one
 * OffboardFleet execution named after the event, with the event as the request's trigger, and only what events may
 * ask for: the approval stays on, the limits stay the deployment's, the accounts are those events may name.
 */
class AFleetOffboardingEventStartsOneFleetRunThatAPersonApprovesTest {
    static final String FLEET_MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:OffboardFleet";
    static final String EVENT_ID = "0d4c5a3e-8f21-4b7a-9e6d-2c1f7a9b3e55";
    static final String HOME = StartOffboardingHandlerUnitTest.HOME;
    static final String MEMBER = StartOffboardingHandlerUnitTest.MEMBER;
    static final String STRANGER = StartOffboardingHandlerUnitTest.STRANGER;

    private final RecordingStateMachine sfn = new RecordingStateMachine();
    private final Map<String, String> environment = new HashMap<>(Map.of(
            "STATE_MACHINE_ARN", StartOffboardingHandlerUnitTest.STATE_MACHINE, "FLEET_STATE_MACHINE_ARN",
            FLEET_MACHINE, "HOME_ACCOUNT_ID", HOME, "EVENT_SENDER_ACCOUNT_IDS", HOME, "DEFAULT_QUARANTINE_DAYS", "7"));

    /** A fleet request event as EventBridge delivers it, sent by {@code account}. */
    static String fleetEventFrom(String account, String detail) {
        return "{\"version\": \"0\", \"id\": \"" + EVENT_ID + "\", \"detail-type\": \"Fleet Offboarding Requested\","
                + " \"source\": \"hr.system\", \"account\": \"" + account + "\", \"time\": \"2026-12-01T07:00:00Z\","
                + " \"region\": \"eu-west-1\", \"resources\": [], \"detail\": " + detail + "}";
    }

    static String fleetEvent(String detail) {
        return fleetEventFrom(HOME, detail);
    }

    private JsonNode deliver(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StartOffboardingHandler(sfn, WorkflowSettings.fromEnvironment(environment)).handleRequest(
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                new LocalContext("start-offboarding"));
        return Json.mapper().readTree(out.toByteArray());
    }

    private String refused(String event) {
        int before = sfn.startCalls;
        String message = assertThrows(InvalidRequestException.class, () -> deliver(event)).getMessage();
        assertEquals(before, sfn.startCalls, "nothing was started");
        return message;
    }

    @Test
    void theEventStartsOneFleetExecutionNamedAfterItsIdWithTheRequestAndTheEventAsItsTrigger() throws IOException {
        JsonNode result = deliver(fleetEvent("{\"unusedForDays\": 90, \"reason\": \"Quarterly clean-up\"}"));

        assertEquals("STARTED", result.get("outcome").asText());
        assertEquals("event-" + EVENT_ID, result.get("executionName").asText());
        assertEquals("arn:aws:states:eu-west-1:123456789012:execution:OffboardFleet:event-" + EVENT_ID,
                result.get("executionArn").asText());
        assertFalse(result.hasNonNull("userName"), "a fleet run is no one user's");
        assertEquals(Map.of("event-" + EVENT_ID, "{\"unusedForDays\":90,\"reason\":\"Quarterly clean-up\","
                + "\"trigger\":{\"eventId\":\"" + EVENT_ID + "\",\"source\":\"hr.system\","
                + "\"time\":\"2026-12-01T07:00:00Z\"}}"), sfn.inputByName,
                "the detail as sent (no nulls added), and the event as its trigger");
    }

    @Test
    void aSecondDeliveryOfTheSameEventFindsTheFleetRunAlreadyStarted() throws IOException {
        String event = fleetEvent("{\"users\": [\"alice\", \"bob\"]}");

        JsonNode first = deliver(event);
        JsonNode second = deliver(event);

        assertEquals(1, sfn.inputByName.size(), "one fleet execution");
        assertEquals("STARTED", first.get("outcome").asText());
        assertEquals("ALREADY_STARTED", second.get("outcome").asText());
        assertEquals(first.get("executionArn"), second.get("executionArn"));
    }

    @Test
    void withoutTheFleetStateMachineTheEventIsRefusedNamingTheVariable() {
        environment.remove("FLEET_STATE_MACHINE_ARN");

        String message = refused(fleetEvent("{\"unusedForDays\": 90}"));

        assertTrue(message.contains("FLEET_STATE_MACHINE_ARN is not set"), message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"requireApproval\": false  | detail.requireApproval cannot be false",
        "\"maxUsersPerRun\": 500     | detail.maxUsersPerRun cannot be set",
        "\"maxShareOfAccount\": 50   | detail.maxShareOfAccount cannot be set",
        "\"maxConcurrencyPerAccount\": 11 | detail.maxConcurrencyPerAccount 11 is above this deployment's 10",
        "\"quarantineDays\": 3       | detail.quarantineDays 3 is shorter than this deployment's quarantine of 7 days",
        "\"trigger\": {\"eventId\": \"x\", \"source\": \"hr.system\", \"time\": \"2026-12-01T07:00:00Z\"} | detail.trigger is set only by start-offboarding",
        "\"accounts\": [\"" + "999999999999" + "\"] | detail.accounts[0] 999999999999 is not an account that events may",
        "\"organization\": true      | detail.organization: true selects in every account of the organization",
        "\"users\": [\"bad name\"]   | detail.users[0] contains the character U+0020"})
    void anEventCannotAskForWhatOnlyAPersonMay(String field, String problem) {
        String message = refused(fleetEvent("{\"unusedForDays\": 90, " + field + "}"));

        assertTrue(message.contains(problem), message);
    }

    /** A malformed detail starts nothing and names its field: a key given twice, a null, a value of another type. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"unusedForDays\": 90, \"unusedForDays\": 1} | field \"detail.unusedForDays\"",
        "{\"unusedForDays\": null}                     | field \"detail.unusedForDays\"",
        "{\"unusedForDays\": \"90\"}                   | field \"detail.unusedForDays\"",
        "{\"unusedForDays\": 90, \"dryRun\": \"no\"}   | field \"detail.dryRun\""})
    void aMalformedDetailIsRefusedNamingItsField(String detail, String field) {
        String message = refused(fleetEvent(detail));

        assertTrue(message.contains(field), message);
    }

    @Test
    void anEventMayLowerTheConcurrencyAndAskForApproval() throws IOException {
        deliver(fleetEvent("{\"unusedForDays\": 90, \"maxConcurrencyPerAccount\": 5, \"requireApproval\": true}"));

        assertEquals(1, sfn.startCalls);
    }

    @Test
    void theConcurrencyLimitIsTheDeploymentsOwn() throws IOException {
        environment.put("MAX_CONCURRENCY_PER_ACCOUNT", "8");

        deliver(fleetEvent("{\"unusedForDays\": 90, \"maxConcurrencyPerAccount\": 8}"));

        assertEquals(1, sfn.startCalls);
    }

    @Test
    void theAccountsOfEventAccountIdsMayBeNamedAndEveryAccountWithStar() throws IOException {
        environment.put("EVENT_ACCOUNT_IDS", MEMBER);
        assertEquals("STARTED", deliver(fleetEvent("{\"unusedForDays\": 90, \"accounts\": [\"" + HOME + "\", \""
                + MEMBER + "\"]}")).get("outcome").asText());
        String organization = fleetEvent("{\"unusedForDays\": 90, \"organization\": true}");
        assertTrue(refused(organization).contains("set EVENT_ACCOUNT_IDS to \"*\""));

        environment.put("EVENT_ACCOUNT_IDS", "*");
        assertEquals("STARTED", deliver(organization.replace(EVENT_ID, "e-2")).get("outcome").asText());
    }

    @Test
    void anEventFromAnAccountThatMayNotSendOrReplayedFromAnArchiveIsRefused() {
        assertTrue(refused(fleetEventFrom(STRANGER, "{\"unusedForDays\": 90}"))
                .contains("account " + STRANGER + " may not send offboarding events"));
        String replayed = fleetEvent("{\"unusedForDays\": 90}").replace("\"resources\"",
                "\"replay-name\": \"monthly\", \"resources\"");
        assertTrue(refused(replayed).contains("replay-name"));
    }

    @Test
    void oneRefusalListsEveryProblem() {
        environment.remove("FLEET_STATE_MACHINE_ARN");

        String message = refused(fleetEventFrom(STRANGER, "{\"unusedForDays\": 90, \"accounts\": [\"" + STRANGER
                + "\"], \"maxConcurrencyPerAccount\": 50}"));

        for (String named : new String[] {"FLEET_STATE_MACHINE_ARN", "account " + STRANGER + " may not send",
                "detail.accounts[0]", "detail.maxConcurrencyPerAccount 50"}) {
            assertTrue(message.contains(named), named + " in " + message);
        }
    }

    @Test
    void aRequestWithoutSelectorIsRefusedItWouldSelectEveryUser() {
        String message = refused(fleetEvent("{\"reason\": \"everyone\"}"));

        assertTrue(message.contains("the request selects no users"), message);
    }

    @Test
    void theExampleEventStartsAFleetRunOfItsListOfLeavers() throws IOException {
        String example = Files.readString(AnUnusedAccessFindingAsAwsDocumentsItTest.EVENTS
                .resolve("eventbridge-fleet-offboarding-event.json"));

        JsonNode result = deliver(example);

        assertEquals("STARTED", result.get("outcome").asText());
        JsonNode input = Json.mapper().readTree(sfn.inputByName.get(result.get("executionName").asText()));
        assertEquals("leavers/2026-11.csv", input.get("usersFrom").get("key").asText());
        assertEquals(EVENT_ID, input.get("trigger").get("eventId").asText());
        assertFalse(input.has("requireApproval"), "the workflow fills in the approval an event's run always has");
    }
}
