package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each user's offboarding is a child execution named after the fleet run and the user: a second execution of the
 * same run finds each name taken (StartExecution answers ExecutionAlreadyExists) and starts none again, even one
 * that failed, reporting each user ALREADY_STARTED with the earlier execution and what its record says.
 */
class ASecondExecutionOfAFleetRunOffboardsNobodyTwiceTest {
    private static final String REQUEST = "{\"run\": \"stale-2026-11\", \"unusedForDays\": 90, \"dryRun\": false,"
            + " \"maxShareOfAccount\": 100}";

    @TempDir
    Path dir;

    @Test
    void everyUserTheFirstExecutionStartedIsReportedAlreadyStartedAndNothingChanges() throws Exception {
        LocalFleet fleet = new LocalFleet(dir, AFleetRunThatRequiresApprovalWaitsForAPersonsDecisionTest.WORLD);
        // The first execution's offboardings lock the users out, then their deletion is refused: they fail.
        fleet.iam.faults().deny("DeleteUser");
        WorkflowResult first = fleet.run("first", REQUEST);
        assertTrue(first.succeeded(), () -> first.error() + ": " + first.cause());
        Map<String, JsonNode> before = LocalFleet.usersOf(fleet.report("first"));
        assertEquals(List.of("FAILED", "FAILED"), before.values().stream().map(u -> u.path("outcome").asText())
                .toList(), before::toString);
        fleet.iam.faults().stopDenying("DeleteUser");
        int changesBefore = fleet.mutations().size();

        WorkflowResult again = fleet.run("second", REQUEST);

        assertTrue(again.succeeded(), () -> again.error() + ": " + again.cause());
        assertEquals(List.of(), fleet.mutations().subList(changesBefore, fleet.mutations().size()),
                "nobody offboarded twice");
        JsonNode report = fleet.report("second");
        assertEquals("COMPLETED", report.path("outcome").asText(), report::toPrettyString);
        assertEquals(2, report.path("counts").path("byOutcome").path("ALREADY_STARTED").asInt(),
                report::toPrettyString);
        for (JsonNode user : LocalFleet.usersOf(report).values()) {
            JsonNode earlier = before.get(user.path("userName").asText());
            assertEquals("ALREADY_STARTED", user.path("outcome").asText(), user::toString);
            assertEquals(earlier.path("execution").asText(), user.path("execution").asText(),
                    "the earlier execution, named");
            assertEquals(earlier.path("record").asText(), user.path("record").asText(), "its record");
            assertTrue(user.path("reason").asText().contains("says FAILED"), user::toString);
            assertTrue(fleet.exists(user.path("userName").asText()));
        }
    }
}
