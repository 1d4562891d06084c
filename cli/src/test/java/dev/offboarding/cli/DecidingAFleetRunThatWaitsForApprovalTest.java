package dev.offboarding.cli;

import static dev.offboarding.cli.FleetExecutionHistory.MACHINE;
import static dev.offboarding.cli.FleetRuns.APPROVER;
import static dev.offboarding.cli.FleetRuns.NAME;
import static dev.offboarding.cli.FleetRuns.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * offboard approve / offboard reject: DescribeExecution (RUNNING, of the fleet state machine), GetExecutionHistory
 * newest first to find the approval step's task token and the plan, GetCallerIdentity for who decides, then
 * SendTaskSuccess or SendTaskFailure. The token is never printed.
 */
class DecidingAFleetRunThatWaitsForApprovalTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String EXECUTION = FleetExecutionHistory.executionArn(NAME);

    private final SfnClient sfn = mock(SfnClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    private final StsClient sts = mock(StsClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    /** Pages of 7 events: the approval step and the plan are on different pages, as in a long history. */
    private final FleetExecutionHistory history = new FleetExecutionHistory(7)
            .plannedUpToLimit(NAME, FleetRuns.request(false), FleetRuns.limitPhase(null));

    DecidingAFleetRunThatWaitsForApprovalTest() {
        doAnswer(call -> history.page(call.getArgument(0))).when(sfn)
                .getExecutionHistory(any(GetExecutionHistoryRequest.class));
        executionIs(ExecutionStatus.RUNNING, MACHINE);
        doReturn(GetCallerIdentityResponse.builder().arn(APPROVER).account("123456789012").userId("AROAX:alice")
                .build()).when(sts).getCallerIdentity(any(GetCallerIdentityRequest.class));
        doReturn(SendTaskSuccessResponse.builder().build()).when(sfn).sendTaskSuccess(any(SendTaskSuccessRequest.class));
        doReturn(SendTaskFailureResponse.builder().build()).when(sfn).sendTaskFailure(any(SendTaskFailureRequest.class));
    }

    private void executionIs(ExecutionStatus status, String machine) {
        doReturn(DescribeExecutionResponse.builder().executionArn(EXECUTION).stateMachineArn(machine).name(NAME)
                .status(status).startDate(FleetExecutionHistory.T0)
                .stopDate(status == ExecutionStatus.RUNNING ? null : NOW.minusSeconds(60)).build())
                .when(sfn).describeExecution(any(DescribeExecutionRequest.class));
    }

    private CommandRun offboard(String... args) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Object command = args[0].equals("approve")
                ? new ApproveCommand(() -> sfn, () -> sts, () -> {
                    throw new AssertionError("no stack lookup expected");
                }, clock)
                : new RejectCommand(() -> sfn, () -> sts, () -> {
                    throw new AssertionError("no stack lookup expected");
                }, clock);
        return CommandRun.using(command, args);
    }

    private static void tokenNeverShown(CommandRun run) {
        assertFalse(run.out().contains(TOKEN) || run.err().contains(TOKEN), "the token was printed:\n" + run.out()
                + run.err());
        assertFalse(run.out().contains("SECRET+TOKEN") || run.err().contains("SECRET+TOKEN"));
    }

    @Test
    void approveSendsTaskSuccessWithTheWaitingTasksTokenAndWhoApprovedWhenAndWhy() {
        history.awaitingApproval(TOKEN);

        CommandRun run = offboard("approve", NAME, "--reason", "Checked with HR", "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.out() + run.err());
        ArgumentCaptor<SendTaskSuccessRequest> sent = ArgumentCaptor.forClass(SendTaskSuccessRequest.class);
        verify(sfn).sendTaskSuccess(sent.capture());
        assertEquals(TOKEN, sent.getValue().taskToken());
        assertEquals(FleetRuns.json("{\"decision\": \"APPROVED\", \"by\": \"" + APPROVER + "\", \"at\":"
                + " \"2026-12-01T10:00:00Z\", \"reason\": \"Checked with HR\"}"), FleetRuns.json(sent.getValue().output()));
        verify(sfn, never()).sendTaskFailure(any(SendTaskFailureRequest.class));
        ArgumentCaptor<DescribeExecutionRequest> described = ArgumentCaptor.forClass(DescribeExecutionRequest.class);
        verify(sfn).describeExecution(described.capture());
        assertEquals(EXECUTION, described.getValue().executionArn(), "the name, in the given state machine");
        tokenNeverShown(run);
    }

    @Test
    void beforeApprovingItShowsThePlanThatIsApproved() {
        history.awaitingApproval(TOKEN);

        CommandRun run = offboard("approve", NAME, "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.out() + run.err());
        String out = run.out();
        assertTrue(out.contains("Fleet run stale-2026-12 (execution " + NAME + ") waits for a decision since"), out);
        assertTrue(out.contains("until 2026-12-02T"), "the approval's deadline (timeoutInSeconds): " + out);
        assertTrue(out.contains("Plan: 2 would be offboarded, 1 refused, in 1 account."), out);
        assertTrue(out.contains("Plan file: fleet/stale-2026-12/" + NAME + "/plan.json"), out);
        assertTrue(out.contains("  Fleet run stale-2026-12 would offboard 2 users (1 refused)."), out);
        assertTrue(out.indexOf("Plan: ") < out.indexOf("Approved as " + APPROVER + " at 2026-12-01T10:00:00Z"), out);
        tokenNeverShown(run);
    }

    @Test
    void theHistoryIsReadNewestFirstPageByPage() {
        history.awaitingApproval(TOKEN);

        offboard("approve", NAME, "--state-machine-arn", MACHINE);

        List<GetExecutionHistoryRequest> requests = history.requests;
        assertTrue(requests.size() > 1, "more than one page: " + requests.size());
        assertTrue(requests.stream().allMatch(r -> Boolean.TRUE.equals(r.reverseOrder())
                && EXECUTION.equals(r.executionArn())), requests.toString());
        assertEquals(null, requests.get(0).nextToken());
        assertEquals("page-7", requests.get(1).nextToken(), "each page asks for the next");
    }

    @Test
    void rejectSendsTaskFailureOffboardingRejectedWithWhoWhenAndWhyAsItsCause() {
        history.awaitingApproval(TOKEN);

        CommandRun run = offboard("reject", NAME, "--reason", "Wrong accounts", "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.out() + run.err());
        ArgumentCaptor<SendTaskFailureRequest> sent = ArgumentCaptor.forClass(SendTaskFailureRequest.class);
        verify(sfn).sendTaskFailure(sent.capture());
        assertEquals(TOKEN, sent.getValue().taskToken());
        assertEquals("Offboarding.Rejected", sent.getValue().error());
        assertEquals(FleetRuns.json("{\"by\": \"" + APPROVER + "\", \"at\": \"2026-12-01T10:00:00Z\", \"reason\":"
                + " \"Wrong accounts\"}"), FleetRuns.json(sent.getValue().cause()));
        verify(sfn, never()).sendTaskSuccess(any(SendTaskSuccessRequest.class));
        assertTrue(run.out().contains("Rejected as " + APPROVER), run.out());
        tokenNeverShown(run);
    }

    @Test
    void theNewestApprovalTaskDecidesWhenAFailedPublishWasRetried() {
        history.awaitingApproval("AQCEAAAA-first-publish-failed").approvalRetried(TOKEN);

        CommandRun run = offboard("approve", NAME, "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.out() + run.err());
        ArgumentCaptor<SendTaskSuccessRequest> sent = ArgumentCaptor.forClass(SendTaskSuccessRequest.class);
        verify(sfn).sendTaskSuccess(sent.capture());
        assertEquals(TOKEN, sent.getValue().taskToken());
    }

    @Test
    void anExecutionArnNeedsNoStackAndIsDecidedWithoutAReason() {
        history.awaitingApproval(TOKEN);

        CommandRun run = offboard("approve", EXECUTION);

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.out() + run.err());
        ArgumentCaptor<SendTaskSuccessRequest> sent = ArgumentCaptor.forClass(SendTaskSuccessRequest.class);
        verify(sfn).sendTaskSuccess(sent.capture());
        assertEquals(FleetRuns.json("{\"decision\": \"APPROVED\", \"by\": \"" + APPROVER + "\", \"at\":"
                + " \"2026-12-01T10:00:00Z\"}"), FleetRuns.json(sent.getValue().output()));
    }

    @Test
    void anExecutionThatHasEndedDoesNotWaitAndNothingIsSent() {
        history.awaitingApproval(TOKEN);
        executionIs(ExecutionStatus.SUCCEEDED, MACHINE);

        CommandRun run = offboard("approve", NAME, "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.NOT_AWAITING_DECISION, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("has ended (SUCCEEDED at"), run.err());
        assertTrue(run.err().contains("Nothing was sent."), run.err());
        nothingSent();
    }

    @Test
    void anApprovalAlreadyDecidedIsNotDecidedAgain() {
        history.awaitingApproval(TOKEN).approved("{\"decision\": \"APPROVED\", \"by\": \"arn:aws:iam::123456789012:"
                + "user/bob\", \"at\": \"2026-12-01T09:30:00Z\"}").offboarding();

        CommandRun run = offboard("reject", NAME, "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.NOT_AWAITING_DECISION, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("no longer waits for a decision: approved by arn:aws:iam::123456789012:user/bob"
                + " at 2026-12-01T09:30:00Z"), run.err());
        nothingSent();
        tokenNeverShown(run);
    }

    @Test
    void anApprovalThatWasRejectedOrTimedOutIsNotDecidedAgain() {
        history.awaitingApproval(TOKEN).rejected("{\"by\": \"arn:aws:iam::123456789012:user/bob\", \"at\":"
                + " \"2026-12-01T09:40:00Z\"}");
        CommandRun rejected = offboard("approve", NAME, "--state-machine-arn", MACHINE);
        FleetExecutionHistory timedOut = new FleetExecutionHistory(1000).plannedUpToLimit(NAME,
                FleetRuns.request(false), FleetRuns.limitPhase(null)).awaitingApproval(TOKEN).approvalTimedOut();
        doAnswer(call -> timedOut.page(call.getArgument(0))).when(sfn)
                .getExecutionHistory(any(GetExecutionHistoryRequest.class));
        CommandRun late = offboard("approve", NAME, "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.NOT_AWAITING_DECISION, rejected.exitCode());
        assertTrue(rejected.err().contains("rejected by arn:aws:iam::123456789012:user/bob at 2026-12-01T09:40:00Z"),
                rejected.err());
        assertEquals(ExitCode.NOT_AWAITING_DECISION, late.exitCode());
        assertTrue(late.err().contains("the approval timed out at"), late.err());
        nothingSent();
    }

    @Test
    void aRunThatNeverCameToItsApprovalStepDoesNotWait() {
        history.offboarding();

        CommandRun run = offboard("approve", NAME, "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.NOT_AWAITING_DECISION, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("it has not come to its approval step (AwaitApproval"), run.err());
        nothingSent();
    }

    @Test
    void anExecutionOfAnotherStateMachineIsNotDecided() {
        history.awaitingApproval(TOKEN);
        executionIs(ExecutionStatus.RUNNING, "arn:aws:states:eu-west-1:123456789012:stateMachine:OffboardUser");

        CommandRun run = offboard("approve", NAME, "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.NOT_AWAITING_DECISION, run.exitCode());
        assertTrue(run.err().contains("not of the OffboardFleet state machine " + MACHINE), run.err());
        nothingSent();
    }

    @Test
    void anUnknownExecutionIsNamed() {
        doThrow(ExecutionDoesNotExistException.builder().message("Execution Does Not Exist: '" + EXECUTION + "'")
                .build()).when(sfn).describeExecution(any(DescribeExecutionRequest.class));

        CommandRun run = offboard("approve", NAME, "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.NOT_AWAITING_DECISION, run.exitCode());
        assertTrue(run.err().contains("there is no execution " + EXECUTION), run.err());
        nothingSent();
    }

    @Test
    void whatStepFunctionsAnswersToTheDecisionIsToldInWordsAndNeverWithTheToken() {
        history.awaitingApproval(TOKEN);
        String quoting = "Invalid Token: '" + TOKEN + "'";
        record Answer(SfnException exception, String message) { }
        List<Answer> answers = List.of(
                new Answer(TaskTimedOutException.builder().message(quoting).build(), "answered TaskTimedOut"),
                new Answer(TaskDoesNotExistException.builder().message(quoting).build(), "answered TaskDoesNotExist"),
                new Answer(InvalidTokenException.builder().message(quoting).build(), "answered InvalidToken"));
        for (Answer answer : answers) {
            doThrow(answer.exception()).when(sfn).sendTaskSuccess(any(SendTaskSuccessRequest.class));

            CommandRun run = offboard("approve", NAME, "--state-machine-arn", MACHINE);

            assertEquals(ExitCode.NOT_AWAITING_DECISION, run.exitCode(), run.out() + run.err());
            assertTrue(run.err().contains(answer.message()), run.err());
            tokenNeverShown(run);
        }
        doThrow(SfnException.builder().message(quoting).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("AccessDeniedException").errorMessage("User is not authorized, token " + TOKEN).build())
                .build()).when(sfn).sendTaskFailure(any(SendTaskFailureRequest.class));

        CommandRun denied = offboard("reject", NAME, "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.CANNOT_RUN, denied.exitCode());
        assertTrue(denied.err().contains("SendTaskFailure was refused: Step Functions answered AccessDeniedException"),
                denied.err());
        tokenNeverShown(denied);
    }

    @Test
    void aBadRunOrReasonIsAUsageErrorAndNothingIsCalled() {
        CommandRun badName = offboard("approve", "two words");
        CommandRun badArn = offboard("approve", "arn:aws:states:eu-west-1:123456789012:stateMachine:OffboardFleet");
        CommandRun longReason = offboard("reject", EXECUTION, "--reason", "x".repeat(1025));
        CommandRun noRun = offboard("approve");

        assertEquals(ExitCode.USAGE, badName.exitCode());
        assertTrue(badName.err().contains("RUN two words is neither an execution ARN"), badName.err());
        assertEquals(ExitCode.USAGE, badArn.exitCode());
        assertTrue(badArn.err().contains("is neither an execution ARN"), badArn.err());
        assertEquals(ExitCode.USAGE, longReason.exitCode());
        assertTrue(longReason.err().contains("--reason is 1025 characters long"), longReason.err());
        assertEquals(ExitCode.USAGE, noRun.exitCode());
        assertTrue(noRun.err().contains("RUN"), noRun.err());
        verify(sfn, never()).describeExecution(any(DescribeExecutionRequest.class));
        nothingSent();
    }

    @Test
    void theHelpSaysTheTokenIsNeverPrintedBecauseWhoeverHoldsItDecides() {
        CommandRun approve = offboard("approve", "--help");
        CommandRun reject = offboard("reject", "--help");

        assertTrue(approve.out().contains("the token is never printed, because whoever holds it"), approve.out());
        assertTrue(approve.out().contains("bearer credential"), approve.out());
        assertTrue(reject.out().contains("the token is never printed"), reject.out());
    }

    private void nothingSent() {
        verify(sfn, never()).sendTaskSuccess(any(SendTaskSuccessRequest.class));
        verify(sfn, never()).sendTaskFailure(any(SendTaskFailureRequest.class));
    }
}
