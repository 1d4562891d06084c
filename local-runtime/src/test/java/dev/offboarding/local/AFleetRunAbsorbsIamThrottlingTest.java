package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.simulator.Throttling;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IAM holds each account to token buckets: the users of an account, offboarded at once, are throttled. A throttled
 * call is the retryable error the single-user workflow's Retry waits out (with backoff, on the logical clock, while
 * the buckets refill): it is never a failure of the user.
 */
class AFleetRunAbsorbsIamThrottlingTest {
    private static final int USERS = 4;
    private static final String WORLD = """
            {"accountId": "123456789012", "now": "2026-11-20T12:00:00Z",
             "caller": {"arn": "arn:aws:iam::123456789012:role/offboarding-operator"},
             "users": [%s]}
            """.formatted(IntStream.rangeClosed(1, USERS).mapToObj(i -> """
            {"userName": "stale_%d", "createDate": "2025-01-01T00:00:00Z",
             "accessKeys": [{"accessKeyId": "AKIAQSTALE%010d", "status": "Active", "createDate": "2025-01-02T00:00:00Z",
               "lastUsed": {"date": "2025-05-01T00:00:00Z", "serviceName": "s3", "region": "eu-west-1"}}]}
            """.formatted(i, i)).collect(Collectors.joining(",")));

    @TempDir
    Path dir;

    @Test
    void everyStaleUserIsDeletedAndNobodyIsCountedFailedThoughIamThrottledTheirCalls() throws Exception {
        LocalFleet fleet = new LocalFleet(dir, WORLD);
        fleet.iam.throttling(Throttling.perOperation(Throttling.Rate.of(1, 2), Throttling.Rate.of(1, 1)));

        WorkflowResult result = fleet.runInVirtualTime("throttled", "{\"run\": \"stale-2026-11\","
                + " \"unusedForDays\": 90, \"dryRun\": false, \"maxShareOfAccount\": 100}");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertFalse(fleet.iam.calls().rateLimited().isEmpty(), "IAM answered Throttling");
        JsonNode report = fleet.report();
        assertEquals("COMPLETED", report.path("outcome").asText(), report::toPrettyString);
        assertEquals(USERS, report.path("counts").path("byOutcome").path("DELETED").asInt(), report::toPrettyString);
        assertFalse(report.path("counts").path("byOutcome").has("FAILED"), report::toPrettyString);
        for (int i = 1; i <= USERS; i++) {
            assertFalse(fleet.exists("stale_" + i));
        }
    }
}
