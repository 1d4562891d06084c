package dev.offboarding.cli;

import static dev.offboarding.cli.FleetExecutionHistory.MACHINE;
import static dev.offboarding.cli.FleetExecutionHistory.T0;
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
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
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
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/**
 * offboard fleet plan / start: the fleet request as the OffboardFleet execution's input, the execution followed
 * through its history (the plan's numbers, the approval it waits for) and its end told: for a plan one line per
 * user, otherwise counts and one line per user; a failed run's report comes from its Report state.
 */
class FollowingAFleetRunTest {
    private static final String EXECUTION = FleetExecutionHistory.executionArn(NAME);

    private final SfnClient sfn = mock(SfnClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    private final FleetExecutionHistory history = new FleetExecutionHistory(1000);
    /** DescribeExecution's answers in turn; each answer may first let the execution go on (more history). */
    private final Deque<Runnable> goesOn = new ArrayDeque<>();
    private final Deque<DescribeExecutionResponse> statuses = new ArrayDeque<>();
    private final List<java.time.Duration> slept = new ArrayList<>();

    FollowingAFleetRunTest() {
        doReturn(StartExecutionResponse.builder().executionArn(EXECUTION).startDate(T0).build())
                .when(sfn).startExecution(any(StartExecutionRequest.class));
        doAnswer(call -> history.page(call.getArgument(0))).when(sfn)
                .getExecutionHistory(any(GetExecutionHistoryRequest.class));
        doAnswer(call -> {
            if (!goesOn.isEmpty()) {
                goesOn.poll().run();
            }
            return statuses.size() > 1 ? statuses.poll() : statuses.peek();
        }).when(sfn).describeExecution(any(DescribeExecutionRequest.class));
    }

    private CommandRun offboard(String... args) {
        return offboard(() -> {
            throw new AssertionError("no stack lookup expected");
        }, args);
    }

    private CommandRun offboard(Supplier<CloudFormationClient> cloudFormation, String... args) {
        FleetCommand fleet = new FleetCommand(() -> sfn, cloudFormation, slept::add, Clock.fixed(T0, ZoneOffset.UTC));
        return CommandRun.using(fleet, args);
    }

    private static DescribeExecutionResponse running() {
        return DescribeExecutionResponse.builder().executionArn(EXECUTION).status(ExecutionStatus.RUNNING)
                .startDate(T0).build();
    }

    private static DescribeExecutionResponse succeeded(JsonNode report) {
        return DescribeExecutionResponse.builder().executionArn(EXECUTION).status(ExecutionStatus.SUCCEEDED)
                .startDate(T0).stopDate(T0.plusSeconds(240)).output(report.toString()).build();
    }

    private static DescribeExecutionResponse failed(String error, String cause) {
        return DescribeExecutionResponse.builder().executionArn(EXECUTION).status(ExecutionStatus.FAILED)
                .startDate(T0).stopDate(T0.plusSeconds(3601)).error(error).cause(cause).build();
    }

    private JsonNode sentInput() {
        ArgumentCaptor<StartExecutionRequest> sent = ArgumentCaptor.forClass(StartExecutionRequest.class);
        verify(sfn).startExecution(sent.capture());
        assertEquals(MACHINE, sent.getValue().stateMachineArn());
        return FleetRuns.json(sent.getValue().input());
    }

    private String sentName() {
        ArgumentCaptor<StartExecutionRequest> sent = ArgumentCaptor.forClass(StartExecutionRequest.class);
        verify(sfn).startExecution(sent.capture());
        return sent.getValue().name();
    }

    @Test
    void aPlanIsADryRunAndPrintsWhatWouldHappenToEachUserAndTheLimit() {
        String limit = "3 users would be offboarded, more than maxUsersPerRun 2: raise it in the request";
        history.plannedUpToLimit(NAME, FleetRuns.request(true), FleetRuns.limitPhase(limit))
                .reported(FleetRuns.planReport(), false, null, null);
        statuses.add(succeeded(FleetRuns.planReport()));

        CommandRun run = offboard("fleet", "plan", "--run", "stale-2026-12", "--user", "alice", "--user", "bob",
                "--user", "carol", "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.out() + run.err());
        assertEquals(FleetRuns.json("{\"run\": \"stale-2026-12\", \"users\": [\"alice\", \"bob\", \"carol\"],"
                + " \"dryRun\": true}"), sentInput());
        assertEquals("stale-2026-12-plan-20261201T090000Z", sentName());
        String out = run.out();
        assertTrue(out.contains("     plan: 2 would be offboarded, 1 refused, in 1 account; over the limit: " + limit),
                out);
        assertTrue(out.contains("Plan of fleet run stale-2026-12 (execution " + NAME + "), a dry run: nothing was"
                + " changed. 2 would be offboarded, 1 refused, in 1 account; over the limit:"), out);
        assertTrue(out.contains("  WOULD_OFFBOARD  111111111111/alice  fp-0a1b-alice  would lock out: 2 access keys"),
                out);
        assertTrue(out.contains("  REFUSED         111111111111/carol  fp-4e5f-carol  carol carries the protected tag"),
                out);
        assertTrue(out.contains("Over the limit: " + limit), out);
        assertTrue(out.contains("Plan: fleet/stale-2026-12/" + NAME + "/plan.json"), out);
    }

    @Test
    void startWithoutExecuteIsAPlanTooAndSaysSo() {
        history.plannedUpToLimit(NAME, FleetRuns.request(true), FleetRuns.limitPhase(null))
                .reported(FleetRuns.planReport(), false, null, null);
        statuses.add(succeeded(FleetRuns.planReport()));

        CommandRun run = offboard("fleet", "start", "--unused-for-days", "90", "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.out() + run.err());
        assertTrue(sentInput().path("dryRun").asBoolean(), "a plan");
        assertEquals("fleet-plan-20261201T090000Z", sentName());
        assertTrue(run.out().contains("This is a plan: nobody is offboarded. Add --execute to offboard."), run.out());
        assertTrue(run.out().contains("  WOULD_OFFBOARD  111111111111/bob"), run.out());
    }

    @Test
    void anExecutedRunWaitingForApprovalSaysHowToDecideThenReportsEachUser() {
        history.plannedUpToLimit(NAME, FleetRuns.request(false), FleetRuns.limitPhase(null)).awaitingApproval(TOKEN);
        goesOn.add(() -> { });
        goesOn.add(() -> history.approved("{\"decision\": \"APPROVED\", \"by\": \"" + APPROVER + "\", \"at\":"
                + " \"2026-12-01T10:00:00Z\"}").offboarding().reported(FleetRuns.completedReport(), false, null, null));
        statuses.add(running());
        statuses.add(running());
        statuses.add(succeeded(FleetRuns.completedReport()));

        CommandRun run = offboard("fleet", "start", "--run", "stale-2026-12", "--user", "alice", "--user", "bob",
                "--user", "carol", "--require-approval", "--reason", "Left", "--execute", "--state-machine-arn",
                MACHINE);

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.out() + run.err());
        assertEquals(FleetRuns.json("{\"run\": \"stale-2026-12\", \"users\": [\"alice\", \"bob\", \"carol\"],"
                + " \"dryRun\": false, \"reason\": \"Left\", \"requireApproval\": true}"), sentInput());
        assertEquals("stale-2026-12-20261201T090000Z", sentName());
        String out = run.out();
        assertTrue(out.contains("  -> AwaitApproval\n     waiting for approval: offboard approve " + EXECUTION
                + " / offboard reject " + EXECUTION + "\n"), out);
        assertTrue(out.contains("(until 2026-12-02T"), out);
        assertTrue(out.indexOf("waiting for approval") < out.indexOf("     approved by " + APPROVER
                + " at 2026-12-01T10:00:00Z"), out);
        assertTrue(out.contains("Fleet run stale-2026-12 (execution " + NAME + "): COMPLETED"), out);
        assertTrue(out.contains("Approval: APPROVED by " + APPROVER + " at 2026-12-01T10:00:00Z (Checked with HR)"),
                out);
        assertTrue(out.contains("By outcome: DELETED 2, REFUSED 1"), out);
        assertTrue(out.contains("By error: Offboarding.UserProtected 1"), out);
        assertTrue(out.contains("  DELETED         111111111111/alice  fo-9a8b-alice  deleted: 2 access keys, the user"),
                out);
        assertTrue(out.contains("  REFUSED         111111111111/carol  fp-4e5f-carol  carol carries the protected tag"),
                out);
        assertTrue(out.contains("Report: fleet/stale-2026-12/" + NAME + "/report.json"), out);
        assertFalse(out.contains(TOKEN) || run.err().contains(TOKEN), "the token is never printed");
        verify(sfn, never()).sendTaskSuccess(any(SendTaskSuccessRequest.class));
        assertEquals(2, slept.size(), "polled until it ended");
        assertEquals(FleetCommand.POLL_INTERVAL, slept.get(0));
    }

    @Test
    void aRejectedRunEndsWithExitCodeOneItsReportFromTheReportStateAndItsErrorAndCause() {
        String cause = "Fleet run stale-2026-12 was rejected by " + APPROVER + ": Wrong accounts";
        history.plannedUpToLimit(NAME, FleetRuns.request(false), FleetRuns.limitPhase(null)).awaitingApproval(TOKEN)
                .rejected("{\"by\": \"" + APPROVER + "\", \"at\": \"2026-12-01T10:00:00Z\"}")
                .reported(FleetRuns.rejectedReport(), true, "Offboarding.FleetRejected", cause);
        statuses.add(failed("Offboarding.FleetRejected", cause));

        CommandRun run = offboard("fleet", "start", "--request", requestFile("{\"run\": \"stale-2026-12\","
                + " \"users\": [\"alice\"], \"dryRun\": false, \"requireApproval\": true}"), "--execute",
                "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.WORKFLOW_FAILED, run.exitCode(), run.out() + run.err());
        String out = run.out();
        assertTrue(out.contains("     rejected by " + APPROVER + " at 2026-12-01T10:00:00Z"), out);
        assertTrue(out.contains("Fleet run stale-2026-12 (execution " + NAME + "): REJECTED"), out);
        assertTrue(out.contains("Approval: REJECTED by " + APPROVER), out);
        assertTrue(out.contains("Failed in 3601.0 s: Offboarding.FleetRejected\n" + cause), out);
    }

    @Test
    void withJsonItPrintsTheFleetReportAloneEvenForAFailedRun() {
        history.plannedUpToLimit(NAME, FleetRuns.request(false), FleetRuns.limitPhase(null)).awaitingApproval(TOKEN)
                .rejected("{}").reported(FleetRuns.rejectedReport(), true, "Offboarding.FleetRejected", "rejected");
        statuses.add(failed("Offboarding.FleetRejected", "rejected"));

        CommandRun run = offboard("fleet", "start", "--user", "alice", "--execute", "--json", "--state-machine-arn",
                MACHINE);

        assertEquals(ExitCode.WORKFLOW_FAILED, run.exitCode());
        assertEquals(FleetRuns.rejectedReport(), FleetRuns.json(run.out()), run.out());
    }

    @Test
    void withJsonARunRefusedBeforeItHadAReportPrintsItsErrorAndCause() {
        statuses.add(failed("Offboarding.InvalidRequest", "users[0] contains ..."));

        CommandRun run = offboard("fleet", "plan", "--user", "alice", "--json", "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.WORKFLOW_FAILED, run.exitCode());
        assertEquals(FleetRuns.json("{\"status\": \"FAILED\", \"error\": \"Offboarding.InvalidRequest\", \"cause\":"
                + " \"users[0] contains ...\"}"), FleetRuns.json(run.out()));
    }

    @Test
    void noWaitPrintsTheExecutionAndDoesNotFollowIt() {
        CommandRun run = offboard("fleet", "start", "--user", "alice", "--execute", "--no-wait", "--json",
                "--state-machine-arn", MACHINE);

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.err());
        assertEquals(FleetRuns.json("{\"executionArn\": \"" + EXECUTION + "\"}"), FleetRuns.json(run.out()));
        verify(sfn, never()).describeExecution(any(DescribeExecutionRequest.class));
    }

    @Test
    void theFleetStateMachineComesFromTheStacksOffboardFleetStateMachineArnOutput() {
        CloudFormationClient cfn = mock(CloudFormationClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
        doReturn(DescribeStacksResponse.builder().stacks(Stack.builder().stackName("iam-offboarding").outputs(
                Output.builder().outputKey("OffboardUserStateMachineArn").outputValue(MACHINE.replace("Fleet", "User"))
                        .build(),
                Output.builder().outputKey("OffboardFleetStateMachineArn").outputValue(MACHINE).build()).build())
                .build()).when(cfn).describeStacks(any(DescribeStacksRequest.class));

        CommandRun run = offboard(() -> cfn, "fleet", "start", "--user", "alice", "--no-wait");

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.err());
        ArgumentCaptor<DescribeStacksRequest> asked = ArgumentCaptor.forClass(DescribeStacksRequest.class);
        verify(cfn).describeStacks(asked.capture());
        assertEquals("iam-offboarding", asked.getValue().stackName());
        sentInput();
    }

    private static String requestFile(String json) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("fleet-request-", ".json");
            file.toFile().deleteOnExit();
            java.nio.file.Files.writeString(file, json);
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
