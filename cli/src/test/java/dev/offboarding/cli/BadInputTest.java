package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.simulator.IamSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Every malformed input of each entry point is a usage error (exit 2) that names the flag, or the scenario file and
 * its key, with no stack trace, and nothing runs: no IAM (or STS) call, no Node.js process, no Step Functions call.
 */
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG_TEXT = "x".repeat(1025);

    @TempDir
    Path dir;
    /** A stand-in for Node.js that only records that it was run: a bad input must be refused before that. */
    private Path fakeNode;
    private Path nodeRan;

    @BeforeEach
    void fakeNode() throws IOException {
        nodeRan = dir.resolve("node-ran");
        fakeNode = dir.resolve("node");
        Files.writeString(fakeNode, "#!/bin/sh\necho ran >> '" + nodeRan + "'\necho v20.0.0\n");
        assertTrue(fakeNode.toFile().setExecutable(true));
    }

    private static IamSimulator iamRunningAsAnOperator() throws IOException {
        JsonNode scenario = JSON.readTree(Files.readString(
                ProjectHome.find().resolve("events/scenarios/little-tester.json")));
        ObjectNode world = scenario.path("world").deepCopy();
        world.putObject("caller").put("arn", "arn:aws:iam::123456789012:role/offboarding-operator");
        return IamSimulator.fromWorld(world, Clock.systemUTC());
    }

    private static void assertUsageError(CommandRun run, String... named) {
        String printed = run.out() + run.err();
        assertEquals(ExitCode.USAGE, run.exitCode(), printed);
        for (String name : named) {
            assertTrue(run.err().contains(name), "the message names " + name + ": " + run.err());
        }
        assertFalse(printed.contains("\tat ") || printed.contains("Exception"), "no stack trace: " + printed);
    }

    // ---- offboard local: flags ----

    static Stream<Arguments> badFlagsOfLocal() {
        String[] real = {"--user", "little_tester", "--execute"};
        return Stream.of(
                arguments("--timeout", args(real, "--timeout", "0")),
                arguments("--timeout", args(real, "--timeout", "-5")),
                arguments("--timeout", args(real, "--timeout", "abc")),
                arguments("--timeout", args(real, "--timeout", "1.5")),
                arguments("--timeout", args(real, "--timeout", "86401")),
                arguments("--timeout", args(real, "--timeout", "")),
                arguments("--lag", args(new String[0], "--lag", "-1")),
                arguments("--lag", args(new String[0], "--lag", "3601")),
                arguments("--lag", args(new String[0], "--lag", "soon")),
                arguments("--quarantine-days", args(real, "--quarantine-days", "-1")),
                arguments("--quarantine-days", args(real, "--quarantine-days", "91")),
                arguments("--quarantine-days", args(real, "--quarantine-days", "3000000000")),
                arguments("--quarantine-days", args(real, "--quarantine-days", "x")),
                arguments("--account-id", args(real, "--account-id", "12345")),
                arguments("--account-id", args(new String[0], "--account-id", "210987654321")),
                arguments("--user", args(new String[0], "--user", "bad name!", "--execute")),
                arguments("--user", args(new String[0], "--user", "", "--execute")),
                arguments("--user", args(new String[0], "--user", "u".repeat(65), "--execute")),
                arguments("--reason", args(real, "--reason", LONG_TEXT)),
                arguments("--requested-by", args(real, "--requested-by", LONG_TEXT)),
                arguments("--force", args(real, "--force=maybe")),
                arguments("--dryrun", args(real, "--dryrun")),
                arguments("--records", args(real, "--records", "s3://Not_A_Bucket/records")),
                arguments("--records", args(new String[0], "--records", "s3:/records-bucket")),
                arguments("--records", args(new String[0], "--records", "")));
    }

    private static List<String> args(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all;
    }

    @ParameterizedTest(name = "local {1}")
    @MethodSource("badFlagsOfLocal")
    void aBadFlagOfLocalIsAUsageErrorAndNothingRuns(String flag, List<String> flags) throws IOException {
        IamSimulator iam = iamRunningAsAnOperator();
        LocalCommand local = new LocalCommand(() -> iam, iam::sts);
        List<String> command = new ArrayList<>(List.of("local", "--node", fakeNode.toString()));
        command.addAll(flags);

        CommandRun run = CommandRun.of(local, new StartCommand(), command.toArray(String[]::new));

        assertUsageError(run, flag);
        assertEquals(List.of(), iam.calls().all(), "no IAM or STS call");
        assertTrue(local.simulator == null || local.simulator.calls().all().isEmpty(), "no simulated IAM call");
        assertFalse(Files.exists(nodeRan), "Node.js was not even asked for its version");
    }

    @Test
    void anotherAccountThanTheCallersIsRefusedWithoutAnIamCall() throws IOException {
        IamSimulator iam = iamRunningAsAnOperator();
        LocalCommand local = new LocalCommand(() -> iam, iam::sts);

        CommandRun run = CommandRun.of(local, new StartCommand(), "local", "--node", fakeNode.toString(),
                "--user", "little_tester", "--execute", "--account-id", "210987654321");

        assertUsageError(run, "--account-id", "123456789012");
        assertTrue(iam.calls().all().stream().allMatch(c -> c.operation().equals("GetCallerIdentity")),
                "only STS was asked who the caller is: " + iam.calls().all());
        assertFalse(Files.exists(nodeRan));
    }

    // ---- offboard start: flags ----

    static Stream<Arguments> badFlagsOfStart() {
        return Stream.of(
                arguments("--user", List.of("--user", "bad name!")),
                arguments("--user", List.of("--user", "")),
                arguments("--user", List.of("--user", "u".repeat(65))),
                arguments("--quarantine-days", List.of("--user", "bob", "--quarantine-days", "-1")),
                arguments("--quarantine-days", List.of("--user", "bob", "--quarantine-days", "91")),
                arguments("--quarantine-days", List.of("--user", "bob", "--quarantine-days", "x")),
                arguments("--account-id", List.of("--user", "bob", "--account-id", "12345")),
                arguments("--account-id", List.of("--user", "bob", "--account-id", "abcdefghijkl")),
                arguments("--reason", List.of("--user", "bob", "--reason", LONG_TEXT)),
                arguments("--requested-by", List.of("--user", "bob", "--requested-by", LONG_TEXT)),
                arguments("--timeout", List.of("--user", "bob", "--wait", "--timeout", "0")),
                arguments("--timeout", List.of("--user", "bob", "--wait", "--timeout", "-1")),
                arguments("--timeout", List.of("--user", "bob", "--wait", "--timeout", "abc")),
                arguments("--timeout", List.of("--user", "bob", "--wait", "--timeout", "86401")),
                arguments("--user", List.of("--reason", "no user given")),
                arguments("--dryrun", List.of("--user", "bob", "--dryrun")));
    }

    @ParameterizedTest(name = "start {1}")
    @MethodSource("badFlagsOfStart")
    void aBadFlagOfStartIsAUsageErrorAndNothingIsStarted(String flag, List<String> flags) {
        SfnClient sfn = mock(SfnClient.class);
        CloudFormationClient cloudFormation = mock(CloudFormationClient.class);
        StartCommand start = new StartCommand(() -> sfn, () -> cloudFormation, d -> { });
        List<String> command = new ArrayList<>(List.of("start"));
        command.addAll(flags);

        CommandRun run = CommandRun.of(new LocalCommand(), start, command.toArray(String[]::new));

        assertUsageError(run, flag);
        verifyNoInteractions(sfn, cloudFormation);
    }

    // ---- offboard local --scenario FILE ----

    private static final String WORLD = "{\"users\": [{\"userName\": \"bob\"}]}";

    private static String scenario(String request, String world, String rest) {
        return "{\"request\": " + request + ", \"world\": " + world + (rest.isEmpty() ? "" : ", " + rest) + "}";
    }

    static Stream<Arguments> badScenarioFiles() {
        String bob = "{\"userName\": \"bob\"}";
        return Stream.of(
                arguments("not JSON", "{\"request\": ", "not valid JSON"),
                arguments("empty", "", "empty"),
                arguments("trailing content", scenario(bob, WORLD, "") + " {}", "not valid JSON"),
                arguments("an array", "[]", "JSON object"),
                arguments("duplicate key", "{\"request\": " + bob + ", \"request\": " + bob + ", \"world\": "
                        + WORLD + "}", "\"request\""),
                arguments("duplicate key in the request",
                        scenario("{\"userName\": \"bob\", \"userName\": \"alice\"}", WORLD, ""), "request.userName"),
                arguments("duplicate key deep in the world", scenario(bob,
                        "{\"users\": [{\"userName\": \"bob\", \"path\": \"/\", \"path\": \"/x/\"}]}", ""),
                        "world.users[0].path"),
                arguments("explicit null", scenario(bob, WORLD, "\"simulator\": null"), "\"simulator\""),
                arguments("explicit null in the request",
                        scenario("{\"userName\": \"bob\", \"dryRun\": null}", WORLD, ""), "request.dryRun"),
                arguments("explicit null for a text of the request",
                        scenario("{\"userName\": \"bob\", \"reason\": null}", WORLD, ""), "request.reason"),
                arguments("explicit null deep in the world", scenario(bob,
                        "{\"users\": [{\"userName\": \"bob\", \"passwordLastUsed\": null}]}", ""),
                        "world.users[0].passwordLastUsed"),
                arguments("explicit null in a list", scenario(bob, WORLD, "\"engine\": {\"zeroWaits\": [null]}"),
                        "engine.zeroWaits[0]"),
                arguments("a string for a number", scenario(bob, WORLD,
                        "\"simulator\": {\"visibilityLagSeconds\": \"abc\"}"), "simulator.visibilityLagSeconds"),
                arguments("a numeric string for a number", scenario(bob, WORLD,
                        "\"simulator\": {\"visibilityLagSeconds\": \"3\"}"), "simulator.visibilityLagSeconds"),
                arguments("a fraction for a whole number", scenario(bob, WORLD, "\"simulator\": {\"pageSize\": 1.5}"),
                        "simulator.pageSize"),
                arguments("a string for true/false", scenario(bob, WORLD, "\"engine\": {\"noWaits\": \"yes\"}"),
                        "engine.noWaits"),
                arguments("a string for a list", scenario(bob, WORLD,
                        "\"engine\": {\"zeroWaits\": \"WaitForQuarantine\"}"), "engine.zeroWaits"),
                arguments("a number for a name", scenario("{\"userName\": 42}", WORLD, ""), "request.userName"),
                arguments("a number for true/false", scenario("{\"userName\": \"bob\", \"dryRun\": 1}", WORLD, ""),
                        "request.dryRun"),
                arguments("a number for a text", scenario(bob, WORLD, "\"description\": 7"), "description"),
                arguments("a wrong type in the world", scenario(bob,
                        "{\"users\": [{\"userName\": \"bob\", \"accessKeys\": [{\"status\": 1}]}]}", ""),
                        "world.users[0].accessKeys[0].status"),
                arguments("a negative lag", scenario(bob, WORLD, "\"simulator\": {\"visibilityLagSeconds\": -1}"),
                        "simulator.visibilityLagSeconds"),
                arguments("an absurd lag", scenario(bob, WORLD, "\"simulator\": {\"visibilityLagSeconds\": 86400}"),
                        "simulator.visibilityLagSeconds"),
                arguments("a number beyond any range", scenario(bob, WORLD,
                        "\"simulator\": {\"visibilityLagSeconds\": 99999999999999999999}"),
                        "simulator.visibilityLagSeconds"),
                arguments("a page size of 0", scenario(bob, WORLD, "\"simulator\": {\"pageSize\": 0}"),
                        "simulator.pageSize"),
                arguments("a page size above IAM's 1000", scenario(bob, WORLD, "\"simulator\": {\"pageSize\": 1001}"),
                        "simulator.pageSize"),
                arguments("an unknown key", scenario(bob, WORLD, "\"simulatr\": {}"), "simulatr"),
                arguments("an unknown key of the simulator", scenario(bob, WORLD, "\"simulator\": {\"lag\": 3}"),
                        "simulator.lag"),
                arguments("an unknown key of the request", scenario("{\"userName\": \"bob\", \"dryrun\": true}",
                        WORLD, ""), "request.dryrun"),
                arguments("an unknown key deep in the world", scenario(bob,
                        "{\"users\": [{\"userName\": \"bob\", \"acessKeys\": []}]}", ""), "world.users[0].acessKeys"),
                arguments("an unknown key of expect", scenario(bob, WORLD, "\"expect\": {\"result\": \"DELETED\"}"),
                        "expect.result"),
                arguments("no request", "{\"world\": " + WORLD + "}", "\"request\""),
                arguments("no world", "{\"request\": " + bob + "}", "\"world\""),
                arguments("a request that is not an object", scenario("\"bob\"", WORLD, ""), "request"),
                arguments("a world that is not an object", scenario(bob, "[]", ""), "world"),
                arguments("an invalid user name", scenario("{\"userName\": \"bad name!\"}", WORLD, ""),
                        "request.userName"),
                arguments("a request with memberAccount", scenario("{\"userName\": \"bob\", \"memberAccount\": "
                        + "{\"accountId\": \"123456789012\", \"sessionName\": \"s1\"}}", WORLD, ""),
                        "request.memberAccount"),
                arguments("a request with trigger", scenario("{\"userName\": \"bob\", \"trigger\": {\"eventId\": "
                        + "\"e1\", \"source\": \"hr\", \"time\": \"2026-11-20T12:00:00Z\"}}", WORLD, ""),
                        "request.trigger"),
                arguments("a request with execution", scenario("{\"userName\": \"bob\", \"execution\": "
                        + "\"arn:aws:states:us-east-1:123456789012:execution:OffboardUser:x\"}", WORLD, ""),
                        "request.execution"),
                arguments("too many quarantine days", scenario("{\"userName\": \"bob\", \"quarantineDays\": 91}",
                        WORLD, ""), "request.quarantineDays"),
                arguments("too long a reason", scenario("{\"userName\": \"bob\", \"reason\": \"" + LONG_TEXT + "\"}",
                        WORLD, ""), "request.reason"),
                arguments("a malformed account id", scenario("{\"userName\": \"bob\", \"accountId\": \"12345\"}",
                        WORLD, ""), "request.accountId"),
                arguments("another account than the world's", scenario("{\"userName\": \"bob\", \"accountId\": "
                        + "\"210987654321\"}", WORLD, ""), "request.accountId"),
                arguments("an unknown expected outcome", scenario(bob, WORLD, "\"expect\": {\"outcome\": \"GONE\"}"),
                        "expect.outcome"),
                arguments("both an outcome and an error expected", scenario(bob, WORLD,
                        "\"expect\": {\"outcome\": \"DELETED\", \"error\": \"Offboarding.UserProtected\"}"), "expect"),
                arguments("a malformed world.now", scenario(bob, "{\"now\": \"yesterday\", \"users\": []}", ""),
                        "world.now"),
                arguments("a world user with an invalid name", scenario(bob,
                        "{\"users\": [{\"userName\": \"bad name!\"}]}", ""), "world.users[0].userName"),
                arguments("a zero wait that is not a Wait state", scenario(bob, WORLD,
                        "\"engine\": {\"zeroWaits\": [\"DeleteUser\"]}"), "engine.zeroWaits[0]"),
                arguments("a watched session without its name", scenario(bob, WORLD,
                        "\"watch\": {\"sessions\": [{\"userName\": \"bob\", \"action\": \"s3:GetObject\"}]}"),
                        "watch.sessions[0].session"),
                arguments("a watched session's action that is no IAM action", scenario(bob, WORLD,
                        "\"watch\": {\"sessions\": [{\"userName\": \"bob\", \"session\": \"laptop\","
                                + " \"action\": \"*\"}]}"), "watch.sessions[0].action"),
                arguments("a watched session of an invalid user name", scenario(bob, WORLD,
                        "\"watch\": {\"sessions\": [{\"userName\": \"bad name!\", \"session\": \"laptop\","
                                + " \"action\": \"s3:GetObject\"}]}"), "watch.sessions[0].userName"),
                arguments("an unknown key of a watched session", scenario(bob, WORLD,
                        "\"watch\": {\"sessions\": [{\"userName\": \"bob\", \"session\": \"laptop\","
                                + " \"action\": \"s3:GetObject\", \"actions\": []}]}"), "watch.sessions[0].actions"),
                arguments("a watched session the world does not declare", scenario(bob, WORLD,
                        "\"watch\": {\"sessions\": [{\"userName\": \"bob\", \"session\": \"laptop\","
                                + " \"action\": \"s3:GetObject\"}]}"), "watch.sessions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScenarioFiles")
    void aMalformedScenarioFileIsAUsageErrorNamingTheFileAndTheKeyAndNothingRuns(String kind, String content,
                                                                                String named) throws IOException {
        Path file = dir.resolve("bad-scenario.json");
        Files.writeString(file, content);
        LocalCommand local = new LocalCommand();

        CommandRun run = CommandRun.of(local, new StartCommand(), "local", "--node", fakeNode.toString(),
                "--scenario", file.toString());

        assertUsageError(run, "bad-scenario.json", named);
        assertTrue(local.simulator == null || local.simulator.calls().all().isEmpty(), "no IAM call");
        assertFalse(Files.exists(nodeRan), "Node.js was not even asked for its version");
    }

    @Test
    void aMissingScenarioFileIsAUsageError() {
        CommandRun run = CommandRun.of(new LocalCommand(), new StartCommand(), "local", "--node", fakeNode.toString(),
                "--scenario", "events/scenarios/no-such-scenario.json");

        assertUsageError(run, "no-such-scenario.json");
        assertFalse(Files.exists(nodeRan));
    }

    // ---- offboard local --fleet ----

    @Test
    void aFleetScenarioGivenAsASingleUserScenarioIsAUsageErrorThatSaysToUseFleet() {
        CommandRun run = CommandRun.of(new LocalCommand(), new StartCommand(), "local", "--node", fakeNode.toString(),
                "--scenario", "events/scenarios/fleet-stale-users.json");

        assertUsageError(run, "fleet-stale-users.json", "--fleet");
        assertFalse(Files.exists(nodeRan));
    }

    @Test
    void aSingleUserScenarioGivenToFleetIsAUsageErrorThatSaysToUseScenario() {
        CommandRun run = CommandRun.of(new LocalCommand(), new StartCommand(), "local", "--node", fakeNode.toString(),
                "--fleet", "events/scenarios/little-tester.json");

        assertUsageError(run, "little-tester.json", "--scenario");
        assertFalse(Files.exists(nodeRan));
    }

    @Test
    void aFleetScenarioWhoseRequestBreaksTheFleetRequestsRulesIsAUsageErrorNamingTheField() throws IOException {
        ObjectNode scenario = (ObjectNode) JSON.readTree(Files.readString(
                ProjectHome.find().resolve("events/scenarios/fleet-stale-users.json")));
        ((ObjectNode) scenario.path("fleet")).put("unusedForDays", "90");
        Path file = dir.resolve("bad-fleet.json");
        Files.writeString(file, scenario.toString());

        CommandRun run = CommandRun.of(new LocalCommand(), new StartCommand(), "local", "--node", fakeNode.toString(),
                "--fleet", file.toString());

        assertUsageError(run, file.toString(), "unusedForDays");
        assertFalse(Files.exists(nodeRan));
    }

    @Test
    void aSingleUserFlagWithFleetIsAUsageError() {
        CommandRun run = CommandRun.of(new LocalCommand(), new StartCommand(), "local", "--node", fakeNode.toString(),
                "--fleet", "events/scenarios/fleet-stale-users.json", "--user", "little_tester", "--reason", "left");

        assertUsageError(run, "--user", "--reason", "--fleet");
        assertFalse(Files.exists(nodeRan));
    }
}
