package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.validation.OffboardingRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help, wrong usage, and the errors a person gets when the command cannot run. */
class OptionsTest {
    private static CommandRun offboard(String... args) {
        return CommandRun.of(new LocalCommand(), new StartCommand(), args);
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        CommandRun run = offboard("--help");
        assertEquals(ExitCode.SUCCEEDED, run.exitCode());
        assertTrue(run.out().contains("local") && run.out().contains("start") && run.out().contains("Exit codes"));
    }

    @Test
    void eachCommandsHelpGivesExamples() {
        assertTrue(offboard("local", "--help").out().contains("./offboard local --scenario"));
        assertTrue(offboard("start", "--help").out().contains("--wait"));
    }

    @Test
    void aWrongOptionValueIsAUsageError() {
        CommandRun run = offboard("local", "--lag", "soon");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("--lag"), run.err());
    }

    @Test
    void startNeedsAUser() {
        CommandRun run = offboard("start");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("--user"), run.err());
    }

    @Test
    void aMalformedScenarioFileIsAUsageErrorThatSaysWhatIsWrong(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"request\": {\"userName\": \"bob\"}, \"world\": {}, \"simulatr\": {}}");
        CommandRun run = offboard("local", "--scenario", file.toString());
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("unknown field \"simulatr\""), run.err());
    }

    @Test
    void aScenarioFileThatIsNotJsonIsAUsageError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"request\": ");
        CommandRun run = offboard("local", "--scenario", file.toString());
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("not valid JSON"), run.err());
    }

    @Test
    void aMissingScenarioFileIsAUsageError() {
        CommandRun run = offboard("local", "--scenario", "events/scenarios/no-such-scenario.json");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("no scenario file"), run.err());
    }

    @Test
    void tooOldANodeCannotRunTheLocalEngine(@TempDir Path dir) throws IOException {
        Path fakeNode = dir.resolve("node");
        Files.writeString(fakeNode, "#!/bin/sh\necho v18.19.0\n");
        assertTrue(fakeNode.toFile().setExecutable(true));
        CommandRun run = offboard("local", "--node", fakeNode.toString());
        assertEquals(ExitCode.CANNOT_RUN, run.exitCode());
        assertTrue(run.err().contains("Node.js 18 is too old"), run.err());
    }

    @Test
    void noNodeAtAllCannotRunTheLocalEngine() {
        CommandRun run = offboard("local", "--node", "/nonexistent/node");
        assertEquals(ExitCode.CANNOT_RUN, run.exitCode());
        assertTrue(run.err().contains("install Node.js"), run.err());
    }

    @Test
    void requestOptionsOverrideTheScenarioRequest() {
        RequestOptions options = new RequestOptions();
        options.reason = "r";
        options.force = true;
        options.quarantineDays = 3;
        options.allowPrivileged = true;
        OffboardingRequest scenario = new OffboardingRequest("bob", null, null, null, null, "old", "hr", null, null,
                null, null, null, null);
        OffboardingRequest request = options.applyTo(scenario, null, false);
        assertEquals("bob", request.userName());
        assertEquals("r", request.reason());
        assertEquals("hr", request.requestedBy());
        assertTrue(request.force());
        assertEquals(3, request.quarantineDays());
        assertTrue(request.allowPrivileged());
        assertEquals("{\"allowPrivileged\":true,\"force\":true,\"quarantineDays\":3,\"reason\":\"r\","
                + "\"requestedBy\":\"hr\",\"userName\":\"bob\"}",
                ExecutionNames.canonical(RequestOptions.toJson(request)), "only the fields that are set");
    }

    @Test
    void theCallerIsRecognisedWhateverItsPathAndCase() {
        assertTrue(LocalCommand.isTheCaller("arn:aws:iam::123456789012:user/admins/Alice", "alice"));
        assertTrue(LocalCommand.isTheCaller("arn:aws:iam::123456789012:user/alice", "alice"));
        assertEquals(false, LocalCommand.isTheCaller("arn:aws:iam::123456789012:user/alice", "alice2"));
        assertEquals(false, LocalCommand.isTheCaller("arn:aws:sts::123456789012:assumed-role/Admin/alice", "alice"));
    }
}
