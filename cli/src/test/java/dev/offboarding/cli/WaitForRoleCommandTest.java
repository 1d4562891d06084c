package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/** `offboard wait-for-role` against a mocked Step Functions client: one synchronous Express execution. */
class WaitForRoleCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:WaitForRole";
    private static final String ROLE = "arn:aws:iam::123456789012:role/deployer";
    private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    private final SfnClient sfn = mock(SfnClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));

    private CommandRun waitForRole(String... args) {
        WaitForRoleCommand command = new WaitForRoleCommand(() -> sfn, () -> {
            throw new AssertionError("no stack lookup expected");
        });
        return CommandRun.of(new LocalCommand(), new StartCommand(), command, args);
    }

    @Test
    void theInputNamesTheRoleAndTheChecksItsOptionsAskFor() throws Exception {
        doReturn(StartSyncExecutionResponse.builder().status(SyncExecutionStatus.SUCCEEDED).startDate(T0)
                .stopDate(T0.plusSeconds(7)).output("{\"usable\":true}").build())
                .when(sfn).startSyncExecution(any(StartSyncExecutionRequest.class));

        CommandRun run = waitForRole("wait-for-role", "--role", ROLE, "--trusted-principal", "lambda.amazonaws.com",
                "--action", "s3:GetObject", "--assumable", "--deadline-seconds", "200", "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.err());
        ArgumentCaptor<StartSyncExecutionRequest> sent = ArgumentCaptor.forClass(StartSyncExecutionRequest.class);
        verify(sfn).startSyncExecution(sent.capture());
        assertEquals(MACHINE, sent.getValue().stateMachineArn());
        JsonNode input = JSON.readTree(sent.getValue().input());
        assertEquals(JSON.readTree("{\"role\": \"" + ROLE + "\", \"checks\": [\"EXISTS\", \"TRUSTS\", \"ALLOWS_ACTIONS\","
                + " \"ASSUMABLE\"], \"trustedPrincipal\": \"lambda.amazonaws.com\", \"actions\": [\"s3:GetObject\"],"
                + " \"deadlineSeconds\": 200}"), input);
        assertTrue(run.out().contains("Succeeded in 7.0 s"), run.out());
    }

    @Test
    void aRoleThatNeverBecameUsableExitsWithOneAndTheCauseNamingTheFailingCheck() throws Exception {
        doReturn(StartSyncExecutionResponse.builder().status(SyncExecutionStatus.FAILED).startDate(T0)
                .stopDate(T0.plusSeconds(120)).error("WaitForRole.NotUsable")
                .cause("TRUSTS still fails: its trust policy does not allow lambda.amazonaws.com").build())
                .when(sfn).startSyncExecution(any(StartSyncExecutionRequest.class));

        CommandRun run = waitForRole("wait-for-role", "--role", ROLE, "--trusted-principal", "lambda.amazonaws.com",
                "--state-machine-arn", MACHINE, "--json");

        assertEquals(ExitCode.WORKFLOW_FAILED, run.exitCode());
        JsonNode result = JSON.readTree(run.out());
        assertEquals("WaitForRole.NotUsable", result.path("error").asText());
        assertTrue(result.path("cause").asText().contains("TRUSTS"));
    }

    @Test
    void anUnknownStateMachineCannotRun() {
        doThrow(StateMachineDoesNotExistException.builder().message("does not exist").build())
                .when(sfn).startSyncExecution(any(StartSyncExecutionRequest.class));

        CommandRun run = waitForRole("wait-for-role", "--role", ROLE, "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.CANNOT_RUN, run.exitCode());
        assertTrue(run.err().contains("does not exist"), run.err());
    }

    @Test
    void theRoleIsRequired() {
        assertEquals(ExitCode.USAGE, waitForRole("wait-for-role", "--state-machine-arn", MACHINE).exitCode());
    }
}
