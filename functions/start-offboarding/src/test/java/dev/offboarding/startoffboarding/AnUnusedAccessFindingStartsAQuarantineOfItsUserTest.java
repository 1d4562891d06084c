package dev.offboarding.startoffboarding;

import static dev.offboarding.startoffboarding.AnUnusedAccessFindingAsAwsDocumentsItTest.USER_FINDING;
import static dev.offboarding.startoffboarding.AnUnusedAccessFindingAsAwsDocumentsItTest.DOCUMENTED_ROLE_FINDING;
import static dev.offboarding.startoffboarding.AnUnusedAccessFindingAsAwsDocumentsItTest.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.errors.InvalidConfigurationException;
import dev.offboarding.errors.InvalidRequestException;
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
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/**
 * start-offboarding given IAM Access Analyzer's unused access finding for a user (as EventBridge delivers it to the
 * default bus of the analyzer's account): the finding starts one OffboardUser execution, named after the event, that
 * quarantines the user (a lock-out, deleted only once the quarantine is over, and only through every guard of the
 * workflow); a finding that is not a stale user's starts nothing and says why; a malformed one is refused.
 */
class AnUnusedAccessFindingStartsAQuarantineOfItsUserTest {
    static final String STATE_MACHINE = "arn:aws:states:us-west-2:123456789012:stateMachine:OffboardUser";
    static final String EVENT_ID = "dc7ce3ee-114b-3243-e249-7f10f9054b21";
    static final String HOME = "123456789012";
    static final Map<String, String> ENVIRONMENT = Map.of("STATE_MACHINE_ARN", STATE_MACHINE, "HOME_ACCOUNT_ID", HOME,
            "EVENT_SENDER_ACCOUNT_IDS", "444455556666");

    private final SfnClient sfn = mock(SfnClient.class);
    private final LocalContext context = new LocalContext("start-offboarding");

    private JsonNode deliver(JsonNode event) throws IOException {
        return deliver(ENVIRONMENT, event);
    }

    private JsonNode deliver(Map<String, String> environment, JsonNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StartOffboardingHandler(sfn, WorkflowSettings.fromEnvironment(environment)).handleRequest(
                new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)), out, context);
        return Json.mapper().readTree(out.toByteArray());
    }

    private static Map<String, String> environmentWith(String... variablesAndValues) {
        Map<String, String> environment = new HashMap<>(ENVIRONMENT);
        for (int i = 0; i < variablesAndValues.length; i += 2) {
            environment.put(variablesAndValues[i], variablesAndValues[i + 1]);
        }
        return environment;
    }

    private void stepFunctionsStartsIt() {
        when(sfn.startExecution(any(StartExecutionRequest.class))).thenAnswer(call -> {
            StartExecutionRequest request = call.getArgument(0);
            return StartExecutionResponse.builder().executionArn(request.stateMachineArn()
                    .replace(":stateMachine:", ":execution:") + ":" + request.name()).build();
        });
    }

    private StartExecutionRequest started() {
        ArgumentCaptor<StartExecutionRequest> request = ArgumentCaptor.forClass(StartExecutionRequest.class);
        verify(sfn).startExecution(request.capture());
        return request.getValue();
    }

    private static ObjectNode userFindingWith(String field, Object value) throws IOException {
        ObjectNode event = example(USER_FINDING);
        ((ObjectNode) event.get("detail")).set(field, Json.mapper().valueToTree(value));
        return event;
    }

    @Test
    void theFindingStartsAQuarantineOfTheUserNamedAfterTheEventWithTheEventAsTrigger() throws IOException {
        stepFunctionsStartsIt();

        JsonNode result = deliver(example(USER_FINDING));

        StartExecutionRequest request = started();
        assertEquals(STATE_MACHINE, request.stateMachineArn());
        assertEquals("event-" + EVENT_ID, request.name());
        assertEquals(Json.mapper().readTree("{\"userName\": \"little_tester\", \"accountId\": \"123456789012\","
                + " \"quarantineDays\": 30, \"reason\": \"unused access: IAM Access Analyzer finding"
                + " b8ae0460-5d29-4922-b92a-ba956c986277 (UnusedIAMUserPassword)\", \"requestedBy\":"
                + " \"aws.access-analyzer\", \"trigger\": {\"eventId\": \"" + EVENT_ID + "\", \"source\":"
                + " \"aws.access-analyzer\", \"time\": \"2023-09-29T17:31:40Z\"}}"), Json.mapper().readTree(request.input()),
                "a quarantine: no dryRun, no force, no allowPrivileged");
        assertEquals(Json.mapper().readTree("{\"executionArn\": \"arn:aws:states:us-west-2:123456789012:execution:"
                + "OffboardUser:event-" + EVENT_ID + "\", \"executionName\": \"event-" + EVENT_ID + "\", \"userName\":"
                + " \"little_tester\", \"outcome\": \"STARTED\", \"reason\": null}"), result);
        assertEquals(List.of("{\"event\":\"execution-started\",\"execution\":\"arn:aws:states:us-west-2:123456789012:"
                + "execution:OffboardUser:event-" + EVENT_ID + "\",\"userName\":\"little_tester\",\"eventId\":\""
                + EVENT_ID + "\",\"source\":\"aws.access-analyzer\"}"), LoggedEvents.of(context));
    }

    @Test
    void theSameFindingEventDeliveredTwiceStartsOneExecutionAndBothDeliveriesSucceed() throws IOException {
        when(sfn.startExecution(any(StartExecutionRequest.class)))
                .thenReturn(StartExecutionResponse.builder().executionArn("arn:aws:states:us-west-2:123456789012:"
                        + "execution:OffboardUser:event-" + EVENT_ID).build())
                .thenThrow((ExecutionAlreadyExistsException) ExecutionAlreadyExistsException.builder()
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ExecutionAlreadyExists").build())
                        .statusCode(400).message("Execution Already Exists").build());

        JsonNode first = deliver(example(USER_FINDING));
        JsonNode second = deliver(example(USER_FINDING));

        assertEquals("STARTED", first.get("outcome").asText());
        assertEquals("ALREADY_STARTED", second.get("outcome").asText());
        assertEquals(first.get("executionArn"), second.get("executionArn"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "STALE_ACCESS_QUARANTINE_DAYS=14|14",
        "STALE_ACCESS_QUARANTINE_DAYS=90|90",
        "DEFAULT_QUARANTINE_DAYS=45|45",
        "DEFAULT_QUARANTINE_DAYS=7|30",
    })
    void theQuarantineIsTheDeploymentsForFindingsAndNeverShorterThanItsOwn(String setting, int days)
            throws IOException {
        stepFunctionsStartsIt();
        String[] variable = setting.split("=");

        deliver(environmentWith(variable[0], variable[1]), example(USER_FINDING));

        assertEquals(days, Json.mapper().readTree(started().input()).get("quarantineDays").asInt());
    }

    /** Whatever the finding and the deployment say: neither force, nor a dry run, nor a quarantine of 0 days. */
    @Test
    void aFindingCannotAskForADeletionWithoutAQuarantine() throws IOException {
        stepFunctionsStartsIt();
        ObjectNode event = example(USER_FINDING);
        ((ObjectNode) event.get("detail")).put("quarantineDays", 0).put("force", true).put("dryRun", true)
                .put("allowPrivileged", true);

        deliver(environmentWith("ALLOW_FORCE_FROM_EVENTS", "true", "DEFAULT_QUARANTINE_DAYS", "0"), event);

        JsonNode input = Json.mapper().readTree(started().input());
        assertEquals(30, input.get("quarantineDays").asInt());
        assertEquals(List.of("userName", "accountId", "quarantineDays", "reason", "requestedBy", "trigger"),
                fieldsOf(input));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"0", "91", "-3", "thirty", ""})
    void aQuarantineForFindingsOutsideOneTo90DaysStopsTheFunctionFromStarting(String days) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> WorkflowSettings.fromEnvironment(environmentWith("STALE_ACCESS_QUARANTINE_DAYS", days)));

        assertTrue(e.getMessage().startsWith("STALE_ACCESS_QUARANTINE_DAYS must be a whole number of days from 1 to"
                + " 90"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', value = {
        "status|ARCHIVED|nothing started: the finding is ARCHIVED, not ACTIVE",
        "status|RESOLVED|nothing started: the finding is RESOLVED, not ACTIVE",
        "findingType|UnusedPermission|nothing started: findingType UnusedPermission does not say",
        "error|ACCESS_DENIED|nothing started: it is an error finding (error ACCESS_DENIED)",
    })
    void aFindingThatIsNotAStaleUsersStartsNothingAndSaysWhy(String field, String value, String why)
            throws IOException {
        JsonNode result = deliver(userFindingWith(field, value));

        verifyNoInteractions(sfn);
        assertEquals("IGNORED", result.get("outcome").asText());
        assertTrue(result.get("reason").asText().startsWith(why), result.toString());
        assertEquals("little_tester", result.get("userName").asText());
        assertTrue(result.get("executionArn").isNull() && result.get("executionName").isNull(), result.toString());
        String logged = LoggedEvents.of(context).get(0);
        assertTrue(logged.startsWith("{\"event\":\"finding-ignored\",\"execution\":null,\"userName\":\"little_tester\""
                + ",\"eventId\":\"" + EVENT_ID + "\",\"source\":\"aws.access-analyzer\",\"findingId\":"
                + "\"b8ae0460-5d29-4922-b92a-ba956c986277\""), logged);
    }

    @Test
    void theDeletionOfAFindingStartsNothing() throws IOException {
        JsonNode result = deliver(userFindingWith("isDeleted", true));

        verifyNoInteractions(sfn);
        assertEquals("IGNORED", result.get("outcome").asText());
    }

    @Test
    void aRolesFindingStartsNothingAndNamesNoUser() throws IOException {
        JsonNode result = deliver(example(DOCUMENTED_ROLE_FINDING).put("account", HOME));

        verifyNoInteractions(sfn);
        assertEquals(Json.mapper().readTree("{\"executionArn\": null, \"executionName\": null, \"userName\": null,"
                + " \"outcome\": \"IGNORED\", \"reason\": \"nothing started: the finding is about a AWS::IAM::Role, not"
                + " an IAM user (AWS::IAM::User)\"}"), result);
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', value = {
        "resource|arn:aws:iam::123456789012:role/little_tester|detail.resource must be an IAM user's ARN",
        "resource|arn:aws:iam::210987654321:user/little_tester|the two must agree",
        "resourceType|AWS::IAM::Role|the two must agree",
        "status|OPEN|detail.status must be one of ACTIVE, ARCHIVED, RESOLVED",
    })
    void aMalformedFindingIsRefusedIntoTheDeadLetterQueueAndStartsNothing(String field, String value,
                                                                           String expected) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> deliver(userFindingWith(field, value)));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
        verifyNoInteractions(sfn);
    }

    @Test
    void aFindingFromAnotherAccountsAnalyzerIsRefusedEvenFromAnOffboardingEventSender() throws IOException {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> deliver(example(USER_FINDING).put("account", "444455556666")));

        assertTrue(e.getMessage().contains("account 444455556666 is not this account (123456789012): only the findings"
                + " of an analyzer in the account the stack runs in start a quarantine"), e.getMessage());
        verifyNoInteractions(sfn);
    }

    @Test
    void aFindingReplayedFromAnArchiveIsRefused() throws IOException {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> deliver(example(USER_FINDING).put("replay-name", "r1")));

        assertTrue(e.getMessage().contains("events replayed from an archive"), e.getMessage());
        verifyNoInteractions(sfn);
    }

    /** An organization's analyzer, in this account, finds users of member accounts. */
    @Test
    void aFindingOnAUserOfAnotherAccountIsRefusedUnlessEventsMayNameThatAccount() throws IOException {
        ObjectNode member = example(USER_FINDING);
        ((ObjectNode) member.get("detail")).put("accountId", "111122223333")
                .put("resource", "arn:aws:iam::111122223333:user/little_tester");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> deliver(member));
        assertTrue(e.getMessage().contains("detail.accountId 111122223333 (the user's account) is not an account that"
                + " events may offboard users in"), e.getMessage());
        verifyNoInteractions(sfn);

        stepFunctionsStartsIt();
        deliver(environmentWith("EVENT_ACCOUNT_IDS", "111122223333"), member);
        assertEquals("111122223333", Json.mapper().readTree(started().input()).get("accountId").asText());
    }

    @Test
    void aNullInAFieldTheFindingIsNotReadByIsAcceptedUnlikeInAnOffboardingRequest() throws IOException {
        stepFunctionsStartsIt();

        JsonNode result = deliver(userFindingWith("previousStatus", null));

        assertEquals("STARTED", result.get("outcome").asText());
    }

    private static List<String> fieldsOf(JsonNode node) {
        List<String> fields = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        return fields;
    }
}
