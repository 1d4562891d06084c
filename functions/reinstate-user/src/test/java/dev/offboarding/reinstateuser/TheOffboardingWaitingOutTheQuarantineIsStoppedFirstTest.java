package dev.offboarding.reinstateuser;

import static dev.offboarding.reinstateuser.QuarantinedUser.EXECUTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import dev.offboarding.audit.AuditRecord;
import dev.offboarding.audit.Intent;
import dev.offboarding.audit.QuarantineStop;
import dev.offboarding.decision.Phase;
import dev.offboarding.errors.ExecutionNotStoppedException;
import dev.offboarding.errors.QuarantineAlreadyRemovingException;
import dev.offboarding.local.LocalContext;
import dev.offboarding.model.Outcome;
import dev.offboarding.model.RemovalMode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StopExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StopExecutionResponse;

/**
 * In the deployed stack the offboarding that locked the user out is still waiting out the quarantine: a reinstate
 * stops it (StopExecution, error Offboarding.Reinstated) before its first change in IAM, and only an execution of the
 * configured OffboardUser state machine. One it cannot stop, it refuses to reinstate around. Step Functions is mocked.
 */
class TheOffboardingWaitingOutTheQuarantineIsStoppedFirstTest {
    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:OffboardUser";

    private final QuarantinedUser user = QuarantinedUser.lockedOut();
    private final SfnClient sfn = mock(SfnClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));

    private void executionIs(ExecutionStatus status) {
        doReturn(DescribeExecutionResponse.builder().executionArn(EXECUTION).status(status).build()).when(sfn)
                .describeExecution(any(DescribeExecutionRequest.class));
        doReturn(StopExecutionResponse.builder().stopDate(Instant.now()).build()).when(sfn)
                .stopExecution(any(StopExecutionRequest.class));
    }

    private ReinstateUserResult reinstate(boolean dryRun, String stateMachine) {
        return user.handler(new OffboardingExecutions(stateMachine, () -> sfn)).handle(
                new ReinstateUserRequest(QuarantinedUser.USER, null, dryRun, null, null,
                        "arn:aws:states:us-east-1:123456789012:execution:ReinstateUser:undo-1",
                        Instant.parse("2026-11-21T12:00:00Z")), new LocalContext("reinstate-user"));
    }

    @Test
    void aRunningOffboardingIsStoppedBeforeAnyChangeInIam() {
        executionIs(ExecutionStatus.RUNNING);
        List<Integer> changesWhenStopped = new java.util.ArrayList<>();
        doAnswer(call -> {
            changesWhenStopped.add(user.mutatingCalls().size());
            return StopExecutionResponse.builder().stopDate(Instant.now()).build();
        }).when(sfn).stopExecution(any(StopExecutionRequest.class));

        ReinstateUserResult result = reinstate(false, STATE_MACHINE);

        ArgumentCaptor<StopExecutionRequest> stop = ArgumentCaptor.forClass(StopExecutionRequest.class);
        verify(sfn).stopExecution(stop.capture());
        assertEquals(EXECUTION, stop.getValue().executionArn());
        assertEquals("Offboarding.Reinstated", stop.getValue().error());
        assertTrue(stop.getValue().cause().contains("reinstate of night_owl"), stop.getValue().cause());
        assertEquals(List.of(0), changesWhenStopped, "stopped before the first change in IAM");
        assertEquals(new QuarantineStop(EXECUTION, "RUNNING", QuarantineStop.Result.STOPPED),
                result.reinstatement().quarantineExecution());
        assertEquals(Outcome.REINSTATED, result.outcome());
        assertEquals(5, user.mutatingCalls().size());
        assertEquals(QuarantinedUser.ACCOUNT + "/night_owl/20261121T120000Z_undo-1.json", result.record().key(),
                "the record of the workflow's execution, at its start");
    }

    @Test
    void anOffboardingThatHasEndedIsLeftAlone() {
        executionIs(ExecutionStatus.ABORTED);

        ReinstateUserResult result = reinstate(false, STATE_MACHINE);

        verify(sfn, never()).stopExecution(any(StopExecutionRequest.class));
        assertEquals(new QuarantineStop(EXECUTION, "ABORTED", QuarantineStop.Result.ALREADY_ENDED),
                result.reinstatement().quarantineExecution());
        assertEquals(Outcome.REINSTATED, result.outcome());
    }

    @Test
    void anExecutionStepFunctionsNoLongerKnowsIsNotRunning() {
        doThrow(ExecutionDoesNotExistException.builder().message("Execution Does Not Exist").build()).when(sfn)
                .describeExecution(any(DescribeExecutionRequest.class));

        ReinstateUserResult result = reinstate(false, STATE_MACHINE);

        assertEquals(new QuarantineStop(EXECUTION, null, QuarantineStop.Result.ALREADY_ENDED),
                result.reinstatement().quarantineExecution());
    }

    @Test
    void aDryRunOnlyDescribesTheExecution() {
        executionIs(ExecutionStatus.RUNNING);

        ReinstateUserResult result = reinstate(true, STATE_MACHINE);

        verify(sfn, never()).stopExecution(any(StopExecutionRequest.class));
        assertEquals(QuarantineStop.Result.WOULD_STOP, result.reinstatement().quarantineExecution().result());
        assertEquals(List.of(), user.mutatingCalls());
    }

    @Test
    void anExecutionOfAnotherStateMachineIsNeitherDescribedNorStoppedAndNothingChanges() {
        executionIs(ExecutionStatus.RUNNING);

        ExecutionNotStoppedException e = assertThrows(ExecutionNotStoppedException.class,
                () -> reinstate(false, "arn:aws:states:us-east-1:123456789012:stateMachine:SomethingElse"));

        assertTrue(e.getMessage().contains("it is not an execution of"
                + " arn:aws:states:us-east-1:123456789012:stateMachine:SomethingElse"), e.getMessage());
        verify(sfn, never()).describeExecution(any(DescribeExecutionRequest.class));
        verify(sfn, never()).stopExecution(any(StopExecutionRequest.class));
        assertEquals(List.of(), user.mutatingCalls());
        assertEquals("Offboarding.ExecutionNotStopped", failedRecord().error());
    }

    @Test
    void anExecutionThatCannotBeStoppedMeansNoChangeInIam() {
        executionIs(ExecutionStatus.RUNNING);
        doThrow(SfnException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("AccessDeniedException").errorMessage("not authorized to perform: states:StopExecution")
                .build()).message("not authorized to perform: states:StopExecution").build()).when(sfn)
                .stopExecution(any(StopExecutionRequest.class));

        ExecutionNotStoppedException e = assertThrows(ExecutionNotStoppedException.class,
                () -> reinstate(false, STATE_MACHINE));

        assertTrue(e.getMessage().contains("StopExecution failed"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was changed in IAM"), e.getMessage());
        assertEquals(List.of(), user.mutatingCalls());
        AuditRecord record = failedRecord();
        assertEquals(Outcome.FAILED, record.outcome());
        assertEquals(List.of(), Schemas.problems("audit-record", user.json(user.reinstateKeys().get(0))));
    }

    @Test
    void anOffboardingThatMovedOnToItsRemovalJustBeforeItWasStoppedIsNotReinstated() {
        executionIs(ExecutionStatus.RUNNING);
        doAnswer(call -> {
            // Between DescribeExecution and StopExecution the quarantine ended and the removal was written ahead.
            user.rewrite(record -> new AuditRecord(record.outcome(), record.userName(), record.accountId(),
                    record.reason(), record.requestedBy(), null, false, false, 14, record.inventory(), null, null,
                    record.removed(), null, 0, 0, null, record.executionId(), record.startedAt(), record.updatedAt(),
                    Intent.removal(RemovalMode.REMOVE, false, Phase.AGAIN, record.inventory(), List.of(),
                            Instant.parse("2026-12-04T12:00:05Z")), null, null, null, null));
            return StopExecutionResponse.builder().stopDate(Instant.now()).build();
        }).when(sfn).stopExecution(any(StopExecutionRequest.class));

        QuarantineAlreadyRemovingException e = assertThrows(QuarantineAlreadyRemovingException.class,
                () -> reinstate(false, STATE_MACHINE));

        assertTrue(e.getMessage().contains("This reinstate stopped " + EXECUTION), e.getMessage());
        assertTrue(e.getMessage().contains("Start the offboarding of night_owl again to finish the removal"),
                e.getMessage());
        assertEquals(List.of(), user.mutatingCalls(), "nothing turned on behind a removal");
        AuditRecord record = failedRecord();
        assertEquals(Outcome.REFUSED, record.outcome());
        assertEquals(QuarantineStop.Result.STOPPED, record.reinstatement().quarantineExecution().result());
    }

    private AuditRecord failedRecord() {
        List<String> keys = user.reinstateKeys();
        assertEquals(1, keys.size(), keys.toString());
        return user.read(keys.get(0));
    }
}
