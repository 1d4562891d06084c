package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.simulator.IamSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every single-user scenario in events/scenarios, run end to end through `offboard local --json`: the real definition on the
 * local engine, the real functions, the simulator. Each ends in the outcome or Error its file expects, with the
 * exit code that goes with it, and leaves IAM in the state that outcome means.
 */
class ScenariosEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> scenarios() throws IOException {
        Path dir = ProjectHome.find().resolve("events/scenarios");
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.toString().endsWith(".json")).filter(f -> !isFleetScenario(f)).sorted().toList();
        }
        assertTrue(files.size() >= 7, "little-tester, every-blocker and the five workflow paths");
        return files.stream();
    }

    /** A fleet scenario runs with --fleet (ALocalFleetRunOffboardsTheStaleUsersOfEveryAccountAndNoOneElseTest). */
    private static boolean isFleetScenario(Path file) {
        try {
            return FleetScenarioFile.isFleetScenario(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void endsAsItsScenarioExpects(Path file) throws IOException {
        ScenarioFile scenario = ScenarioFile.load(file);
        LocalCommand local = new LocalCommand();

        CommandRun run = CommandRun.of(local, new StartCommand(), "local", "--scenario", file.toString(), "--json");

        JsonNode result = JSON.readTree(run.out());
        IamSimulator iam = local.simulator;
        String user = scenario.userName();
        if (scenario.expectedOutcome() != null) {
            assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.out() + run.err());
            assertEquals(scenario.expectedOutcome(), result.path("output").path("outcome").asText());
            if ("DRY_RUN".equals(scenario.expectedOutcome())) {
                assertEquals(List.of(), iam.calls().mutating(), "a dry run changes nothing");
                assertTrue(iam.userExists(user));
            } else {
                assertFalse(iam.userExists(user), "the user is gone");
                assertTrue(iam.virtualMfaDeviceSerials().isEmpty(), "no virtual MFA device left orphaned");
            }
        } else {
            assertEquals(ExitCode.WORKFLOW_FAILED, run.exitCode(), run.out() + run.err());
            assertEquals(scenario.expectedError(), result.path("error").asText());
            assertFalse(result.path("cause").asText().isBlank(), "a Cause a person can act on");
            assertTrue(iam.userExists(user), "a refused or failed offboarding leaves the user");
            if (scenario.expectedError().equals("Offboarding.UserProtected")
                    || scenario.expectedError().equals("Offboarding.UserRecentlyActive")) {
                assertEquals(List.of(), iam.calls().mutating(), "a refusal changes nothing");
            }
        }
    }

    @Test
    void aWatchedLiveSessionIsSaidToLoseItsLastPermissionOnceTheDenyHasPropagated() throws IOException {
        Path file = ProjectHome.find().resolve("events/scenarios/quarantine-live-session.json");

        CommandRun run = CommandRun.of(new LocalCommand(), new StartCommand(), "local", "--scenario", file.toString());

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("session morning-mfa of night_owl: s3:GetObject allowed"), run.out());
        assertTrue(run.out().contains("session morning-mfa of night_owl: s3:GetObject denied (an explicit deny)"),
                run.out());
        java.util.regex.Matcher last = java.util.regex.Pattern.compile("No permission left for session morning-mfa"
                + " of night_owl from \\+([0-9.]+) s: the deny was attached at \\+([0-9.]+) s, the visibility lag is"
                + " 3 s\\.").matcher(run.out());
        assertTrue(last.find(), run.out());
        assertTrue(Double.parseDouble(last.group(1)) >= Double.parseDouble(last.group(2)) + 3,
                "not before the lag has passed since the attach: " + last.group());
    }
}
