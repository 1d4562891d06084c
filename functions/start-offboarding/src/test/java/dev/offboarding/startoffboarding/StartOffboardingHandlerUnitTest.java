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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

class StartOffboardingHandlerUnitTest {
    static final String STATE_MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:OffboardUser";
    static final String EVENT_ID = "6a7e8feb-b491-4cf7-a9f1-bf3703467718";

    private final RecordingStateMachine sfn = new RecordingStateMachine();
    private final LocalContext context = new LocalContext("start-offboarding");

    static String event(String detail) {
        return "{\"version\": \"0\", \"id\": \"" + EVENT_ID + "\", \"detail-type\": \"Offboard user\","
                + " \"source\": \"hr.system\", \"account\": \"123456789012\", \"time\": \"2026-11-20T12:00:00Z\","
                + " \"region\": \"eu-west-1\", \"resources\": [], \"detail\": " + detail + "}";
    }

    private JsonNode deliver(SfnClient client, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StartOffboardingHandler(client, new WorkflowSettings(STATE_MACHINE)).handleRequest(
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        return Json.mapper().readTree(out.toByteArray());
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
    void aReplayedEventIsAccepted() throws IOException {
        String replayed = event("{\"userName\": \"little_tester\"}").replaceFirst("\\{", "{\"replay-name\": \"r1\", ");

        assertEquals("STARTED", deliver(sfn, replayed).get("outcome").asText());
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
                context.loggedLines());
    }

    @Test
    void theStateMachineArnSettingIsChecked() {
        assertEquals(STATE_MACHINE, WorkflowSettings.fromEnvironment(Map.of("STATE_MACHINE_ARN", STATE_MACHINE))
                .stateMachineArn());
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> WorkflowSettings.fromEnvironment(Map.of()));
        assertTrue(e.getMessage().contains("STATE_MACHINE_ARN"), e.getMessage());
    }
}
