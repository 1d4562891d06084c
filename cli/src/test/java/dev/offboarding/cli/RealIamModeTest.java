package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.simulator.IamSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * `offboard local --user NAME` without a scenario acts on the IAM the standard SDK configuration points to. Here
 * that IAM is a simulator standing in for it (the same code path would reach AWS through AWS_PROFILE or
 * AWS_ENDPOINT_URL_IAM): a dry run unless --execute, and never the identity the command runs as.
 */
class RealIamModeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static IamSimulator iamRunningAs(String callerArn) throws IOException {
        JsonNode scenario = JSON.readTree(Files.readString(
                ProjectHome.find().resolve("events/scenarios/little-tester.json")));
        com.fasterxml.jackson.databind.node.ObjectNode world = scenario.path("world").deepCopy();
        world.putObject("caller").put("arn", callerArn);
        return IamSimulator.fromWorld(world, Clock.systemUTC());
    }

    @Test
    void withoutExecuteItIsADryRunThatChangesNothing() throws IOException {
        IamSimulator iam = iamRunningAs("arn:aws:iam::123456789012:role/offboarding-operator");
        LocalCommand local = new LocalCommand(() -> iam, iam::sts);

        CommandRun run = CommandRun.of(local, new StartCommand(), "local", "--user", "little_tester", "--json");

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.out() + run.err());
        assertEquals("DRY_RUN", JSON.readTree(run.out()).path("output").path("outcome").asText());
        assertEquals(List.of(), iam.calls().mutating());
        assertTrue(iam.userExists("little_tester"));
    }

    @Test
    void withExecuteTheUserIsDeleted() throws IOException {
        IamSimulator iam = iamRunningAs("arn:aws:iam::123456789012:role/offboarding-operator");
        LocalCommand local = new LocalCommand(() -> iam, iam::sts);

        CommandRun run = CommandRun.of(local, new StartCommand(), "local", "--user", "little_tester", "--execute",
                "--json");

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.out() + run.err());
        assertEquals("DELETED", JSON.readTree(run.out()).path("output").path("outcome").asText());
        assertFalse(iam.userExists("little_tester"));
    }

    @Test
    void itRefusesToOffboardTheIdentityItRunsAs() throws IOException {
        IamSimulator iam = iamRunningAs("arn:aws:iam::123456789012:user/Little_Tester");
        LocalCommand local = new LocalCommand(() -> iam, iam::sts);

        CommandRun run = CommandRun.of(local, new StartCommand(), "local", "--user", "little_tester", "--execute");

        assertEquals(ExitCode.CANNOT_RUN, run.exitCode());
        assertTrue(run.err().contains("it is the identity this command runs as"), run.err());
        assertTrue(iam.calls().all().stream().allMatch(c -> c.operation().equals("GetCallerIdentity")),
                "only the caller was looked up: " + iam.calls().all());
        assertTrue(iam.userExists("little_tester"));
    }
}
