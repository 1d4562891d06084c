package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;
import static org.mockito.Mockito.CALLS_REAL_METHODS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateEnteredEventDetails;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/** `offboard start` against a mocked Step Functions client. */
class StartCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:OffboardUser";
    private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    private final SfnClient sfn = mock(SfnClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    private final List<java.time.Duration> slept = new ArrayList<>();

    private CommandRun start(String... args) {
        StartCommand start = new StartCommand(() -> sfn, () -> {
            throw new AssertionError("no stack lookup expected");
        }, slept::add);
        return CommandRun.of(new LocalCommand(), start, args);
    }

    private void startSucceeds() {
        doReturn(StartExecutionResponse.builder().executionArn(MACHINE.replace("stateMachine", "execution") + ":x")
                .startDate(T0).build()).when(sfn).startExecution(any(StartExecutionRequest.class));
    }

    @Test
    void theExecutionNameIsDerivedFromTheRequestSoTheSameRequestGetsTheSameName() {
        startSucceeds();
        start("start", "--user", "little_tester", "--reason", "Left", "--state-machine-arn", MACHINE);
        start("start", "--reason", "Left", "--user", "little_tester", "--state-machine-arn", MACHINE);
        start("start", "--user", "little_tester", "--reason", "Other", "--state-machine-arn", MACHINE);

        ArgumentCaptor<StartExecutionRequest> sent = ArgumentCaptor.forClass(StartExecutionRequest.class);
        verify(sfn, times(3)).startExecution(sent.capture());
        List<StartExecutionRequest> requests = sent.getAllValues();
        assertEquals(requests.get(0).name(), requests.get(1).name(), "same request, same name");
        assertNotEquals(requests.get(0).name(), requests.get(2).name(), "another request, another name");
        assertTrue(requests.get(0).name().startsWith("offboard-little_tester-"));
        assertTrue(requests.get(0).name().matches("[A-Za-z0-9_+=.@-]{2,64}"),
                "a valid execution name and STS role session name: " + requests.get(0).name());
        assertEquals(MACHINE, requests.get(0).stateMachineArn());
    }

    @Test
    void aLongUserNameStillGivesANameWithinTheSixtyFourCharactersOfARoleSessionName() {
        startSucceeds();
        start("start", "--user", "u".repeat(64), "--state-machine-arn", MACHINE);

        ArgumentCaptor<StartExecutionRequest> sent = ArgumentCaptor.forClass(StartExecutionRequest.class);
        verify(sfn).startExecution(sent.capture());
        assertEquals(64, sent.getValue().name().length());
    }

    @Test
    void theInputIsTheOffboardingRequest() throws Exception {
        startSucceeds();
        start("start", "--user", "bob", "--requested-by", "hr", "--quarantine-days", "7", "--dry-run",
                "--state-machine-arn", MACHINE);

        ArgumentCaptor<StartExecutionRequest> sent = ArgumentCaptor.forClass(StartExecutionRequest.class);
        verify(sfn).startExecution(sent.capture());
        JsonNode input = JSON.readTree(sent.getValue().input());
        assertEquals("bob", input.path("userName").asText());
        assertEquals("hr", input.path("requestedBy").asText());
        assertEquals(7, input.path("quarantineDays").asInt());
        assertTrue(input.path("dryRun").asBoolean());
    }

    @Test
    void allowPrivilegedSetsTheRequestsAllowPrivilegedAndIsOtherwiseLeftOut() throws Exception {
        startSucceeds();
        start("start", "--user", "bob", "--allow-privileged", "--state-machine-arn", MACHINE);
        start("start", "--user", "bob", "--state-machine-arn", MACHINE);

        ArgumentCaptor<StartExecutionRequest> sent = ArgumentCaptor.forClass(StartExecutionRequest.class);
        verify(sfn, times(2)).startExecution(sent.capture());
        JsonNode privileged = JSON.readTree(sent.getAllValues().get(0).input());
        JsonNode plain = JSON.readTree(sent.getAllValues().get(1).input());
        assertTrue(privileged.path("allowPrivileged").asBoolean(), privileged.toString());
        assertEquals(JSON.readTree("{\"userName\": \"bob\"}"), plain, "only what was asked for");
        assertNotEquals(sent.getAllValues().get(0).name(), sent.getAllValues().get(1).name(),
                "another request, another execution");
    }

    @Test
    void startingTheSameRequestAgainFindsTheFirstExecutionInsteadOfOffboardingTwice() {
        doThrow(ExecutionAlreadyExistsException.builder().message("Execution Already Exists").build())
                .when(sfn).startExecution(any(StartExecutionRequest.class));

        CommandRun run = start("start", "--user", "little_tester", "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.err());
        assertTrue(run.out().contains("Already started: arn:aws:states:eu-west-1:123456789012:execution:OffboardUser:"
                + "offboard-little_tester-"), run.out());
    }

    @Test
    void waitFollowsTheExecutionAndExitsWithItsOutcome() throws Exception {
        startSucceeds();
        doReturn(history(), history()).when(sfn).getExecutionHistory(any(GetExecutionHistoryRequest.class));
        doReturn(running(), running(), ended(ExecutionStatus.SUCCEEDED, "{\"outcome\":\"DELETED\"}", null, null))
                .when(sfn).describeExecution(any(DescribeExecutionRequest.class));

        CommandRun run = start("start", "--user", "little_tester", "--state-machine-arn", MACHINE, "--wait");

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.err());
        assertTrue(run.out().contains("-> ListTokens"), run.out());
        assertTrue(run.out().contains("\"outcome\" : \"DELETED\""), run.out());
        assertEquals(2, slept.size(), "polled until the execution ended");
    }

    @Test
    void aFailedExecutionExitsWithOneAndItsErrorAndCause() throws Exception {
        startSucceeds();
        doReturn(history()).when(sfn).getExecutionHistory(any(GetExecutionHistoryRequest.class));
        doReturn(ended(ExecutionStatus.FAILED, null, "Offboarding.UserProtected", "Refusing to delete user bob"))
                .when(sfn).describeExecution(any(DescribeExecutionRequest.class));

        CommandRun run = start("start", "--user", "bob", "--state-machine-arn", MACHINE, "--wait", "--json");

        assertEquals(ExitCode.WORKFLOW_FAILED, run.exitCode());
        JsonNode result = JSON.readTree(run.out());
        assertEquals("Offboarding.UserProtected", result.path("error").asText());
        assertEquals("Refusing to delete user bob", result.path("cause").asText());
    }

    @Test
    void anUnknownStateMachineCannotRun() {
        doThrow(StateMachineDoesNotExistException.builder().message("does not exist").build())
                .when(sfn).startExecution(any(StartExecutionRequest.class));

        CommandRun run = start("start", "--user", "bob", "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.CANNOT_RUN, run.exitCode());
        assertTrue(run.err().contains("does not exist"), run.err());
    }

    @Test
    void aMalformedStateMachineArnCannotRunAndNothingIsStarted() {
        CommandRun run = start("start", "--user", "bob", "--state-machine-arn", "OffboardUser");

        assertEquals(ExitCode.CANNOT_RUN, run.exitCode());
        assertTrue(run.err().contains("is not a state machine ARN"), run.err());
        verify(sfn, times(0)).startExecution(any(StartExecutionRequest.class));
    }

    @Test
    void theStateMachineComesFromTheStackOutputsWhenNotGiven() {
        startSucceeds();
        CloudFormationClient cfn = mock(CloudFormationClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
        doReturn(DescribeStacksResponse.builder().stacks(Stack.builder().stackName("iam-offboarding")
                .outputs(Output.builder().outputKey("OffboardUserStateMachineArn").outputValue(MACHINE).build())
                .build()).build()).when(cfn).describeStacks(any(DescribeStacksRequest.class));
        StartCommand start = new StartCommand(() -> sfn, () -> cfn, slept::add);

        CommandRun run = CommandRun.of(new LocalCommand(), start, "start", "--user", "bob");

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.err());
        ArgumentCaptor<StartExecutionRequest> sent = ArgumentCaptor.forClass(StartExecutionRequest.class);
        verify(sfn).startExecution(sent.capture());
        assertEquals(MACHINE, sent.getValue().stateMachineArn());
    }

    private static GetExecutionHistoryResponse history() {
        return GetExecutionHistoryResponse.builder().events(
                HistoryEvent.builder().id(2L).type(HistoryEventType.TASK_STATE_ENTERED).timestamp(T0)
                        .stateEnteredEventDetails(StateEnteredEventDetails.builder().name("ListTokens").build()).build())
                .build();
    }

    private static DescribeExecutionResponse running() {
        return DescribeExecutionResponse.builder().status(ExecutionStatus.RUNNING).startDate(T0).build();
    }

    private static DescribeExecutionResponse ended(ExecutionStatus status, String output, String error, String cause) {
        return DescribeExecutionResponse.builder().status(status).startDate(T0).stopDate(T0.plusSeconds(9))
                .output(output).error(error).cause(cause).build();
    }
}
