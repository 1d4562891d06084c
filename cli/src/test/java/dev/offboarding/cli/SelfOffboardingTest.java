package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command never offboards the identity it runs as: in real IAM, and in a scenario's world too. */
class SelfOffboardingTest {
    @TempDir
    Path dir;

    @Test
    void aScenarioWhoseWorldRunsAsTheUserToOffboardIsRefusedBeforeAnyChange() throws Exception {
        Path scenario = dir.resolve("self.json");
        Files.writeString(scenario, """
                {"request": {"userName": "ops_alice"},
                 "world": {"caller": {"arn": "arn:aws:iam::123456789012:user/ops/ops_alice"},
                           "users": [{"userName": "ops_alice", "accessKeys": [{"accessKeyId": "AKIAQOPSALICEEXAMP1"}]}]}}
                """);
        LocalCommand local = new LocalCommand();

        CommandRun run = CommandRun.of(local, new StartCommand(), "local", "--scenario", scenario.toString());

        assertEquals(ExitCode.CANNOT_RUN, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("refusing to offboard ops_alice: it is the identity the scenario's world runs as"),
                run.err());
        assertEquals(java.util.List.of(), local.simulator == null ? java.util.List.of()
                : local.simulator.calls().mutating(), "nothing changed");
    }

    @Test
    void aFederatedSessionNamedAfterTheUserIsReadAsThatUser() {
        assertTrue(LocalCommand.isTheCaller("arn:aws:sts::123456789012:federated-user/Alice", "alice"));
        assertFalse(LocalCommand.isTheCaller("arn:aws:sts::123456789012:federated-user/alice-ci", "alice"));
    }
}
