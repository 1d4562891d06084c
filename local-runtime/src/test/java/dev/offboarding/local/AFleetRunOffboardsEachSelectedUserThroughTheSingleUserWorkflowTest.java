package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.json.Json;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import dev.offboarding.simulator.SimulatedOrganization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OffboardFleet definition on the local engine (its Distributed Maps, child executions and result files as
 * statemachine/lib provides them), the real functions over the simulator: the credential report nominates, and each
 * user still goes through the whole single-user workflow with its guards.
 */
class AFleetRunOffboardsEachSelectedUserThroughTheSingleUserWorkflowTest {
    private static final String WORLD = """
            {"accountId": "123456789012", "now": "2026-11-20T12:00:00Z",
             "caller": {"arn": "arn:aws:iam::123456789012:role/offboarding-operator"},
             "users": [
               {"userName": "stale_password", "createDate": "2025-01-01T00:00:00Z",
                "passwordLastUsed": "2025-06-01T00:00:00Z", "loginProfile": {"createDate": "2025-01-02T00:00:00Z"}},
               {"userName": "stale_key", "createDate": "2025-01-01T00:00:00Z",
                "accessKeys": [{"accessKeyId": "AKIAQSTALEKEY0000001", "status": "Active",
                  "createDate": "2025-01-02T00:00:00Z",
                  "lastUsed": {"date": "2025-05-01T00:00:00Z", "serviceName": "s3", "region": "eu-west-1"}}]},
               {"userName": "stale_but_protected", "createDate": "2025-01-01T00:00:00Z",
                "tags": [{"key": "offboarding:protected", "value": "break-glass"}],
                "accessKeys": [{"accessKeyId": "AKIAQPROTECTED000001", "status": "Active",
                  "createDate": "2025-01-02T00:00:00Z",
                  "lastUsed": {"date": "2025-05-01T00:00:00Z", "serviceName": "s3", "region": "eu-west-1"}}]},
               {"userName": "active_yesterday", "createDate": "2025-01-01T00:00:00Z",
                "accessKeys": [{"accessKeyId": "AKIAQACTIVE000000001", "status": "Active",
                  "createDate": "2025-01-02T00:00:00Z",
                  "lastUsed": {"date": "2026-11-19T10:00:00Z", "serviceName": "s3", "region": "eu-west-1"}}]}
             ]}
            """;

    @TempDir
    Path dir;
    private IamSimulator iam;
    private LocalFleetRun fleet;
    private LocalFunctions functions;

    @BeforeEach
    void world() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
        SimulatedOrganization org = SimulatedOrganization.fromWorld(new ObjectMapper().readTree(WORLD), clock);
        iam = org.home().credentialReportGenerationTime(Duration.ZERO);
        fleet = new LocalFleetRun(RealWorkflow.STATEMACHINE, LocalFleetRun.Folders.under(dir));
        functions = fleet.functions(org, clock, GuardSettings.defaults(), clock::advance);
    }

    @Test
    void theStaleUsersAreDeletedAndAProtectedOneIsRefusedWhileTheOthersGoOn() throws Exception {
        WorkflowResult result = run("first", "{\"run\": \"stale-2026-11\", \"unusedForDays\": 90, \"dryRun\": false,"
                + " \"maxShareOfAccount\": 100, \"reason\": \"unused for 90 days\", \"requestedBy\": \"security\"}");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        JsonNode report = report();
        assertEquals("COMPLETED", report.path("outcome").asText());
        assertEquals(2, report.path("counts").path("byOutcome").path("DELETED").asInt(), report::toPrettyString);
        assertEquals(1, report.path("counts").path("byError").path("Offboarding.UserProtected").asInt(),
                report::toPrettyString);
        assertFalse(exists("stale_password"));
        assertFalse(exists("stale_key"));
        assertTrue(exists("stale_but_protected"));
        assertTrue(exists("active_yesterday"), "never selected: used yesterday");
    }

    @Test
    void aSecondExecutionOfTheSameRunOffboardsNobodyAgain() throws Exception {
        String request = "{\"run\": \"stale-2026-11\", \"unusedForDays\": 90, \"dryRun\": false,"
                + " \"maxShareOfAccount\": 100}";
        assertTrue(run("first", request).succeeded());
        int before = iam.calls().mutating().size();

        WorkflowResult again = run("second", request);

        assertTrue(again.succeeded(), () -> again.error() + ": " + again.cause());
        assertEquals(List.of(), mutations(iam.calls().mutating().subList(before, iam.calls().mutating().size())));
    }

    @Test
    void aRunOverTheBlastRadiusIsRefusedAndChangesNothing() throws Exception {
        WorkflowResult result = run("over", "{\"unusedForDays\": 90, \"dryRun\": false, \"maxUsersPerRun\": 1,"
                + " \"maxShareOfAccount\": 100}");

        assertFalse(result.succeeded());
        assertEquals("Offboarding.BlastRadiusExceeded", result.error(), result.cause());
        assertEquals(List.of(), mutations(iam.calls().mutating()));
        assertTrue(exists("stale_password") && exists("stale_key"));
    }

    @Test
    void aFleetDryRunPlansEachUserAndChangesNothing() throws Exception {
        WorkflowResult result = run("plan", "{\"unusedForDays\": 90, \"maxShareOfAccount\": 100}");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals("DRY_RUN", report().path("outcome").asText());
        assertEquals(List.of(), mutations(iam.calls().mutating()));
        JsonNode plan = Json.mapper().readTree(Files.readString(only("plan.json")));
        assertEquals(2, plan.path("wouldOffboard").asInt(), plan::toPrettyString);
        assertEquals(1, plan.path("refused").asInt(), plan::toPrettyString);
    }

    /**
     * A repeated key never reaches the function by this path: Step Functions (and the local engine) parse the
     * execution input before ValidateFleetRequest reads $$.Execution.Input, keeping one of the values.
     */
    @Test
    void aFleetRequestWithoutASelectorOrWithANullIsRefusedBeforeAnyIamCall() throws Exception {
        for (String request : List.of("{\"dryRun\": false}", "{\"unusedForDays\": null, \"dryRun\": false}",
                "{\"unusedForDays\": \"90\", \"dryRun\": false}",
                "{\"users\": [\"a\"], \"maxUsersPerRun\": 1000000}")) {
            WorkflowResult result = run("bad-" + Math.abs(request.hashCode()), request);

            assertFalse(result.succeeded(), request);
            assertEquals("Offboarding.InvalidRequest", result.error(), request + ": " + result.cause());
        }
        assertEquals(List.of(), iam.calls().all());
    }

    /** Every call that changed the users; generating the credential report changes none of them. */
    private static List<String> mutations(List<Call> calls) {
        return calls.stream().map(Call::operation).filter(op -> !op.equals("GenerateCredentialReport")).toList();
    }

    private boolean exists(String userName) {
        return iam.listUsers().users().stream().anyMatch(u -> u.userName().equals(userName));
    }

    private JsonNode report() throws IOException {
        return Json.mapper().readTree(Files.readString(only("report.json")));
    }

    private Path only(String fileName) throws IOException {
        try (var files = Files.walk(dir.resolve("records"))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().equals(fileName)).toList();
            assertEquals(1, found.size(), () -> fileName + ": " + found);
            return found.get(0);
        }
    }

    private WorkflowResult run(String name, String request) throws Exception {
        WorkflowRunner.Run run = fleet.run(RealWorkflow.substitutions(), request, "fleet-" + name, true);
        return new WorkflowRunner(RealWorkflow.STATEMACHINE, "node", Duration.ofMinutes(3)).run(run, functions, e -> { });
    }
}
