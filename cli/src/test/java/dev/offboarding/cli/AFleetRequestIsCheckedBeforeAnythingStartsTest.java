package dev.offboarding.cli;

import static dev.offboarding.cli.FleetExecutionHistory.MACHINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.withSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/**
 * The fleet request of offboard fleet plan / start, from flags or a request file: each field as the OffboardFleet
 * workflow takes it, and a bad value refused before anything is called (exit code 2), naming the flag or the file's
 * field. The workflow's ValidateFleetRequest stays the authority.
 */
class AFleetRequestIsCheckedBeforeAnythingStartsTest {
    private final SfnClient sfn = mock(SfnClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    private final CloudFormationClient cfn = mock(CloudFormationClient.class);

    @TempDir
    Path dir;

    private CommandRun offboard(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--state-machine-arn", MACHINE, "--no-wait"));
        FleetCommand fleet = new FleetCommand(() -> sfn, () -> cfn, d -> { },
                Clock.fixed(FleetExecutionHistory.T0, ZoneOffset.UTC));
        return CommandRun.using(fleet, all.toArray(String[]::new));
    }

    private String input() {
        ArgumentCaptor<StartExecutionRequest> sent = ArgumentCaptor.forClass(StartExecutionRequest.class);
        verify(sfn).startExecution(sent.capture());
        return sent.getValue().input();
    }

    private void started() {
        doReturn(StartExecutionResponse.builder().executionArn(FleetExecutionHistory.executionArn("x")).build())
                .when(sfn).startExecution(any(StartExecutionRequest.class));
    }

    private void refused(CommandRun run, String... named) {
        assertEquals(ExitCode.USAGE, run.exitCode(), run.out() + run.err());
        for (String words : named) {
            assertTrue(run.err().contains(words), "expected \"" + words + "\" in:\n" + run.err());
        }
        assertTrue(run.err().contains("Nothing was run."), run.err());
        verifyNoInteractions(sfn, cfn);
    }

    @Test
    void everyFlagSetsItsFieldOfTheRequest() {
        started();

        CommandRun run = offboard("fleet", "start", "--run", "contractors-q4", "--account", "111111111111",
                "--account", "222222222222", "--path-prefix", "/contractors/", "--tag", "team=payments", "--tag",
                "leaver=", "--unused-for-days", "45", "--quarantine-days", "7", "--reason", "Contract ended",
                "--requested-by", "hr-system", "--require-approval", "--max-users", "40", "--max-share", "20",
                "--max-concurrency-per-account", "3", "--approval-timeout", "3600", "--execute");

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.err());
        assertEquals(FleetRuns.json("{\"run\": \"contractors-q4\", \"accounts\": [\"111111111111\","
                + " \"222222222222\"], \"pathPrefix\": \"/contractors/\", \"tags\": [{\"key\": \"team\", \"value\":"
                + " \"payments\"}, {\"key\": \"leaver\", \"value\": \"\"}], \"unusedForDays\": 45, \"dryRun\": false,"
                + " \"quarantineDays\": 7, \"reason\": \"Contract ended\", \"requestedBy\": \"hr-system\","
                + " \"requireApproval\": true, \"maxUsersPerRun\": 40, \"maxShareOfAccount\": 20,"
                + " \"maxConcurrencyPerAccount\": 3, \"approvalTimeoutSeconds\": 3600}"), FleetRuns.json(input()));
    }

    @Test
    void theOrganizationAndAListOfUsersInS3AreFieldsToo() {
        started();

        offboard("fleet", "plan", "--organization", "--users-from", "s3://my-offboarding-lists/leavers/2026-12.csv");

        assertEquals(FleetRuns.json("{\"organization\": true, \"usersFrom\": {\"bucket\": \"my-offboarding-lists\","
                + " \"key\": \"leavers/2026-12.csv\"}, \"dryRun\": true}"), FleetRuns.json(input()));
    }

    @Test
    void aRequestFileIsSentAsItIsExceptThatOnlyExecuteMakesItMoreThanAPlan() throws IOException {
        started();
        Path file = dir.resolve("request.json");
        Files.writeString(file, "// leavers of December\n{\"run\": \"leavers-2026-12\", \"usersFrom\": {\"bucket\":"
                + " \"my-lists\", \"key\": \"leavers.json\"}, \"dryRun\": false, \"maxUsersPerRun\": 60}");

        CommandRun run = offboard("fleet", "start", "--request", file.toString());

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.err());
        assertEquals(FleetRuns.json("{\"run\": \"leavers-2026-12\", \"usersFrom\": {\"bucket\": \"my-lists\", \"key\":"
                + " \"leavers.json\"}, \"dryRun\": true, \"maxUsersPerRun\": 60}"), FleetRuns.json(input()));
        assertTrue(run.out().contains("This is a plan: nobody is offboarded (the request file's \"dryRun\": false"
                + " counts only with --execute)."), run.out());
    }

    @Test
    void aBadValueIsRefusedNamingItsFlag() {
        refused(offboard("fleet", "plan", "--user", "alice", "--account", "12345"),
                "--account \"12345\" must be a 12-digit AWS account id");
        refused(offboard("fleet", "plan", "--user", "night owl"), "--user \"night owl\" contains the character U+0020");
        refused(offboard("fleet", "plan", "--user", "alice", "--user", "ALICE"), "--user \"ALICE\" repeats a user");
        refused(offboard("fleet", "plan", "--users-from", "my-bucket/leavers.csv"),
                "--users-from \"my-bucket/leavers.csv\" must be s3://BUCKET/KEY");
        refused(offboard("fleet", "plan", "--users-from", "s3://my-bucket/leavers.txt"),
                "--users-from: the key must end in .json");
        refused(offboard("fleet", "plan", "--tag", "team"), "--tag \"team\" must be KEY=VALUE");
        refused(offboard("fleet", "plan", "--path-prefix", "contractors"), "--path-prefix must be an IAM path prefix");
        refused(offboard("fleet", "plan", "--unused-for-days", "0"), "--unused-for-days must be from 1 to 3650");
        refused(offboard("fleet", "plan", "--user", "a", "--quarantine-days", "91"),
                "--quarantine-days must be from 0 to 90");
        refused(offboard("fleet", "plan", "--user", "a", "--max-users", "5001"), "--max-users must be from 1 to 5000");
        refused(offboard("fleet", "plan", "--user", "a", "--max-share", "0"), "--max-share must be from 1 to 100");
        refused(offboard("fleet", "plan", "--user", "a", "--max-concurrency-per-account", "51"),
                "--max-concurrency-per-account must be from 1 to 50");
        refused(offboard("fleet", "plan", "--user", "a", "--approval-timeout", "59"),
                "--approval-timeout must be from 60 to 604800");
        refused(offboard("fleet", "plan", "--user", "a", "--run", "stale users"), "--run must be 1 to 40 letters");
        refused(offboard("fleet", "plan", "--user", "a", "--reason", "r".repeat(1025)),
                "--reason is 1025 characters long");
        CommandRun notANumber = offboard("fleet", "plan", "--user", "a", "--max-users", "many");
        assertEquals(ExitCode.USAGE, notANumber.exitCode());
        assertTrue(notANumber.err().contains("Invalid value for option '--max-users': 'many' is not an int"),
                notANumber.err());
        verifyNoInteractions(sfn, cfn);
    }

    @Test
    void flagsThatContradictEachOtherOrSelectNobodyAreRefused() {
        refused(offboard("fleet", "plan", "--reason", "clean-up"),
                "the request selects no users: give at least one of --user, --users-from, --path-prefix, --tag,"
                        + " --unused-for-days");
        refused(offboard("fleet", "plan", "--user", "a", "--users-from", "s3://lists/a.csv"),
                "--user and --users-from cannot both be given");
        refused(offboard("fleet", "plan", "--user", "a", "--account", "111111111111", "--organization"),
                "--account and --organization cannot both be given");
    }

    @Test
    void aBadRequestFileIsRefusedNamingTheFileAndItsField() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"users\": [\"alice\", \"bo b\"], \"maxUsers\": 3, \"tags\": [{\"key\": \"team\"}],"
                + " \"trigger\": {}}");
        Path notJson = dir.resolve("not.json");
        Files.writeString(notJson, "{\"users\": [\"alice\"");

        refused(offboard("fleet", "plan", "--request", file.toString()), "--request " + file + ": ",
                "users[1] contains the character U+0020", "unknown field \"maxUsers\"",
                "tags[0] must be {\"key\": ..., \"value\": ...}", "trigger is set only by start-offboarding");
        refused(offboard("fleet", "plan", "--request", notJson.toString()), "--request " + notJson
                + ": not valid JSON");
        refused(offboard("fleet", "plan", "--request", dir.resolve("absent.json").toString()), "no such file");
        refused(offboard("fleet", "plan", "--request", file.toString(), "--user", "bob", "--reason", "x"),
                "--request and --user, --reason: give the request in the file or as flags, not both");
    }
}
