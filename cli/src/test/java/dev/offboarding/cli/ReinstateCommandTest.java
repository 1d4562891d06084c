package dev.offboarding.cli;

import static dev.offboarding.cli.LockedOutUser.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import dev.offboarding.records.DirectoryRecordStore;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.simulator.Call;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/**
 * `offboard reinstate`: here, the reinstate-user function in this process against the IAM of the SDK configuration
 * (a simulator standing in for it) and a records folder, a dry run unless --execute; with --state-machine-arn, the
 * deployed ReinstateUser workflow, started and followed.
 */
class ReinstateCommandTest {

    @Test
    void withoutExecuteItOnlySaysWhatAReinstateWouldDo() throws Exception {
        LockedOutUser user = LockedOutUser.lockedOut();

        CommandRun run = CommandRun.reinstate(user.command(), "reinstate", "--user", USER, "--records",
                user.records.toString());

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("Dry run: nothing was changed"), run.out());
        assertTrue(run.out().contains("ACCESS_KEY AKIAQNIGHTOWL0000001: would be active again"), run.out());
        assertTrue(run.out().contains("arn:aws:iam::aws:policy/AWSDenyAll as a managed policy: would be detached"),
                run.out());
        assertEquals(List.of(), user.iam.calls().mutating());
        assertEquals("Inactive", user.keyStatus());
        assertEquals(2, new DirectoryRecordStore(user.records).keys(RecordKeys.userPrefix("123456789012", USER)).size(),
                "the lock-out's record and the dry run's");
    }

    @Test
    void withExecuteTheCredentialsAreActiveAgainTheDenyIsLiftedAndItSaysSo() throws Exception {
        LockedOutUser user = LockedOutUser.lockedOut();

        CommandRun run = CommandRun.reinstate(user.command(), "reinstate", "--user", USER, "--execute", "--records",
                user.records.toString(), "--reason", "Stays after all");

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("Reinstated night_owl in account 123456789012:"), run.out());
        assertTrue(run.out().contains("ACCESS_KEY AKIAQNIGHTOWL0000001: active again"), run.out());
        assertTrue(run.out().contains("SIGNING_CERTIFICATE CERTNIGHTOWL000000000000000001: active again"), run.out());
        assertTrue(run.out().contains("AWSDenyAll as a managed policy: detached"), run.out());
        assertTrue(run.out().contains("console password: kept by the lock-out: it works again"), run.out());
        assertTrue(run.out().contains("its execution: not checked"), run.out());
        assertEquals("Active", user.keyStatus());
        assertEquals(List.of(), user.attachedPolicies());
        assertEquals(List.of("UpdateAccessKey", "UpdateSigningCertificate", "DetachUserPolicy"),
                user.iam.calls().mutating().stream().map(Call::operation).toList());
    }

    @Test
    void theReinstatesRecordIsListedAndShownBesideTheOffboardingsAsAReinstate() throws Exception {
        LockedOutUser user = LockedOutUser.lockedOut();
        CommandRun reinstated = CommandRun.reinstate(user.command(), "reinstate", "--user", USER, "--execute",
                "--json", "--records", user.records.toString());
        String key = Json.mapper().readTree(reinstated.out()).path("output").path("record").path("key").asText();

        CommandRun list = CommandRun.records(new RecordsCommand(), "records", "list", "--records",
                user.records.toString(), "--account", "123456789012", "--user", USER);
        CommandRun listJson = CommandRun.records(new RecordsCommand(), "records", "list", "--json", "--records",
                user.records.toString());
        CommandRun show = CommandRun.records(new RecordsCommand(), "records", "show", key, "--records",
                user.records.toString());

        List<String> lines = list.out().lines().toList();
        assertEquals(2, lines.size(), list.out());
        assertTrue(lines.get(0).startsWith(user.lockOutKey) && lines.get(0).contains("IN_PROGRESS  "), lines.get(0));
        assertTrue(lines.get(1).startsWith(key) && lines.get(1).contains("REINSTATED (reinstate)"), lines.get(1));
        assertEquals(user.lockOutKey, Json.mapper().readTree(listJson.out()).get(1).path("reinstates").asText());
        assertTrue(Json.mapper().readTree(listJson.out()).get(0).path("reinstates").isMissingNode());
        assertTrue(show.out().contains("a reinstate, of the lock-out in " + user.lockOutKey), show.out());
    }

    @Test
    void withJsonItPrintsOnlyTheReinstatesAnswer() throws Exception {
        LockedOutUser user = LockedOutUser.lockedOut();

        CommandRun run = CommandRun.reinstate(user.command(), "reinstate", "--user", USER, "--execute", "--json",
                "--records", user.records.toString());

        JsonNode result = Json.mapper().readTree(run.out());
        assertEquals("SUCCEEDED", result.path("status").asText(), run.out());
        assertEquals("REINSTATED", result.path("output").path("outcome").asText());
        assertEquals(user.lockOutKey, result.path("output").path("reinstatement").path("lockOutRecord").asText());
    }

    @Test
    void aRefusalIsExitCodeOneWithItsErrorAndCauseAndChangesNothing() throws Exception {
        LockedOutUser user = LockedOutUser.lockedOut();

        CommandRun run = CommandRun.reinstate(user.command(), "reinstate", "--user", USER, "--execute", "--records",
                Files.createTempDirectory("no-records-").toString());

        assertEquals(ExitCode.WORKFLOW_FAILED, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("Not reinstated"), run.out());
        assertTrue(run.out().contains("Offboarding.NoLockOutRecorded"), run.out());
        assertTrue(run.out().contains("there is no offboarding record of night_owl"), run.out());
        assertEquals(List.of(), user.iam.calls().mutating());
    }

    @Test
    void aBadFlagIsNamedAndNothingRuns() throws Exception {
        LockedOutUser user = LockedOutUser.lockedOut();

        CommandRun badUser = CommandRun.reinstate(user.command(), "reinstate", "--user", "night owl");
        CommandRun badAccount = CommandRun.reinstate(user.command(), "reinstate", "--user", USER, "--account", "12");
        CommandRun otherAccount = CommandRun.reinstate(user.command(), "reinstate", "--user", USER, "--account",
                "210987654321", "--records", user.records.toString());

        assertEquals(ExitCode.USAGE, badUser.exitCode());
        assertTrue(badUser.err().contains("--user contains the character U+0020"), badUser.err());
        assertEquals(ExitCode.USAGE, badAccount.exitCode());
        assertTrue(badAccount.err().contains("--account must be a 12-digit AWS account id"), badAccount.err());
        assertEquals(ExitCode.USAGE, otherAccount.exitCode());
        assertTrue(otherAccount.err().contains("--account: 210987654321 is another account"), otherAccount.err());
        assertTrue(user.iam.calls().all().stream().allMatch(c -> c.operation().equals("GetCallerIdentity")),
                user.iam.calls().all().toString());
    }

    @Test
    void withAStateMachineItStartsTheDeployedWorkflowAndFollowsIt() throws Exception {
        String machine = "arn:aws:states:eu-west-1:123456789012:stateMachine:ReinstateUser";
        SfnClient sfn = mock(SfnClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
        Instant now = Instant.parse("2026-11-23T08:30:00Z");
        String output = Files.readString(ProjectHome.find().resolve("events/reinstate-user-output.json"));
        doReturn(StartExecutionResponse.builder().executionArn(machine.replace("stateMachine", "execution") + ":x")
                .startDate(now).build()).when(sfn).startExecution(any(StartExecutionRequest.class));
        doReturn(GetExecutionHistoryResponse.builder().build()).when(sfn)
                .getExecutionHistory(any(GetExecutionHistoryRequest.class));
        doReturn(DescribeExecutionResponse.builder().status(ExecutionStatus.SUCCEEDED).startDate(now)
                .stopDate(now.plusSeconds(3)).output(output).build()).when(sfn)
                .describeExecution(any(DescribeExecutionRequest.class));
        ReinstateCommand command = new ReinstateCommand(() -> {
            throw new AssertionError("no IAM call here: the workflow makes them");
        }, () -> {
            throw new AssertionError("no STS call here");
        }, () -> sfn, () -> {
            throw new AssertionError("no stack lookup expected");
        }, d -> { }, Clock.fixed(now, ZoneOffset.UTC));

        CommandRun run = CommandRun.reinstate(command, "reinstate", "--user", USER, "--execute",
                "--state-machine-arn", machine, "--requested-by", "hr-system");

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.out() + run.err());
        ArgumentCaptor<StartExecutionRequest> sent = ArgumentCaptor.forClass(StartExecutionRequest.class);
        verify(sfn).startExecution(sent.capture());
        assertEquals(machine, sent.getValue().stateMachineArn());
        assertEquals("reinstate-night_owl-20261123T083000Z", sent.getValue().name());
        assertEquals(Json.mapper().readTree("{\"userName\": \"night_owl\", \"dryRun\": false, \"requestedBy\":"
                + " \"hr-system\"}"), Json.mapper().readTree(sent.getValue().input()));
        assertTrue(run.out().contains("its execution: stopped (it was RUNNING)"), run.out());
        assertTrue(run.out().contains("ACCESS_KEY AKIAQNIGHTOWL0000002: stays inactive"), run.out());
    }
}
