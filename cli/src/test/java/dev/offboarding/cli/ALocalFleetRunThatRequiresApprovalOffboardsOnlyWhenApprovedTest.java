package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fleet-stale-users with "requireApproval": true: the local run answers the approval's task token only with
 * --approve; without it the run waits, says so, and offboards nobody.
 */
class ALocalFleetRunThatRequiresApprovalOffboardsOnlyWhenApprovedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path scenario;

    @BeforeEach
    void scenarioRequiringApproval() throws IOException {
        ObjectNode file = (ObjectNode) JSON.readTree(Files.readString(
                ProjectHome.find().resolve("events/scenarios/fleet-stale-users.json")));
        ((ObjectNode) file.path("fleet")).put("requireApproval", true).put("approvalTimeoutSeconds", 3600);
        // The home account alone, with a few of its users: the plan is over in seconds, long before --timeout.
        ObjectNode home = (ObjectNode) file.path("world").path("accounts").path(0);
        com.fasterxml.jackson.databind.node.ArrayNode users = JSON.createArrayNode();
        for (int i = 0; i < 4; i++) {
            users.add(home.path("users").path(i));
        }
        home.set("users", users);
        ((ObjectNode) file.path("world")).set("accounts", JSON.createArrayNode().add(home));
        ((ObjectNode) file.path("fleet")).set("accounts", JSON.createArrayNode().add(home.path("accountId")));
        scenario = dir.resolve("fleet-requiring-approval.json");
        Files.writeString(scenario, file.toString());
    }

    @Test
    void withApproveThePlanIsApprovedByTheCallerAndTheStaleUsersAreDeleted() throws IOException {
        CommandRun run = CommandRun.using(new LocalCommand(), "local", "--fleet", scenario.toString(), "--approve",
                "--json", "--records", dir.resolve("records").toString());

        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals("APPROVED", report.path("approval").path("decision").asText(), report::toPrettyString);
        assertTrue(report.path("approval").path("by").asText().contains(":assumed-role/offboarding-functions/"),
                report::toPrettyString);
        assertTrue(report.path("counts").path("byOutcome").path("DELETED").asInt() > 0, report::toPrettyString);
    }

    @Test
    void withoutApproveTheRunWaitsSaysHowToApproveAndChangesNoUser() {
        LocalCommand local = new LocalCommand();

        CommandRun run = CommandRun.using(local, "local", "--fleet", scenario.toString(), "--timeout", "20",
                "--records", dir.resolve("records").toString());

        assertEquals(ExitCode.CANNOT_RUN, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("waiting for approval until"), run.out());
        assertTrue(run.out().contains("--approve"), run.out());
        assertTrue(run.out().contains("Stopped after 20 s (--timeout) in state AwaitApproval"), run.out());
        for (IamSimulator iam : local.fleetRun.organization.accounts()) {
            assertEquals(List.of(), iam.calls().mutating().stream().map(Call::operation)
                    .filter(op -> !op.equals("GenerateCredentialReport")).toList(), iam.accountId());
        }
        assertFalse(java.util.regex.Pattern.compile("[A-Za-z0-9_-]{64}").matcher(run.out() + run.err()).find(),
                "no task token (64 base64url characters) is printed: " + run.out());
    }
}
