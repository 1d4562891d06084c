package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;

/** Fleet runs as the OffboardFleet workflow answers them: the Limit stage's plan summary, fleet reports. */
final class FleetRuns {
    /** What the approval step's parameters carry: a bearer credential, never to be printed. */
    static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAbM3cH1Fm0ObHGr0cvBXgxQVhDx+SECRET+TOKEN+3Q==";
    static final String NAME = "stale-2026-12-20261201T090000Z";
    static final String APPROVER = "arn:aws:sts::123456789012:assumed-role/Approvers/alice";

    private FleetRuns() {
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode request(boolean dryRun) {
        return json("{\"run\": \"stale-2026-12\", \"users\": [\"alice\", \"bob\", \"carol\"], \"dryRun\": " + dryRun
                + ", \"requireApproval\": true, \"maxUsersPerRun\": 25, \"maxShareOfAccount\": 10,"
                + " \"maxConcurrencyPerAccount\": 5, \"approvalTimeoutSeconds\": 86400}");
    }

    /** The LIMIT stage's answer (ResultSelector of state Limit): 2 would be offboarded, 1 refused. */
    static JsonNode limitPhase(String limitExceeded) {
        return json("{\"phase\": \"OFFBOARD\", \"candidates\": null, \"wouldOffboard\": 2, \"refused\": 1,"
                + " \"accounts\": 1, \"accountsItems\": {\"Bucket\": \"records\", \"Key\":"
                + " \"records/fleet/stale-2026-12/" + NAME + "/offboard/accounts.json\"},"
                + " \"planKey\": \"fleet/stale-2026-12/" + NAME + "/plan.json\", \"limitExceeded\": "
                + (limitExceeded == null ? "null" : "\"" + limitExceeded + "\"") + ","
                + " \"approvalRequest\": {\"subject\": \"Fleet run stale-2026-12 awaits approval\","
                + " \"message\": \"Fleet run stale-2026-12 would offboard 2 users (1 refused).\\nApprove: offboard"
                + " approve " + NAME + "\\nReject: offboard reject " + NAME + "\", \"detail\": {}}}");
    }

    /** The report of a dry run: the plan per user. */
    static JsonNode planReport() {
        return json("{\"run\": \"stale-2026-12\", \"fleetExecution\": \"" + NAME + "\", \"startedAt\":"
                + " \"2026-12-01T09:00:00Z\", \"endedAt\": \"2026-12-01T09:04:00Z\", \"outcome\": \"DRY_RUN\","
                + " \"approval\": null, \"counts\": {\"byOutcome\": {\"DRY_RUN\": 2, \"REFUSED\": 1}, \"byError\":"
                + " {\"Offboarding.UserProtected\": 1}}, \"users\": ["
                + "{\"userName\": \"alice\", \"accountId\": \"111111111111\", \"execution\": \"fp-0a1b-alice\","
                + " \"plan\": \"WOULD_OFFBOARD\", \"outcome\": \"DRY_RUN\", \"reason\": \"would lock out: 2 access keys\"},"
                + "{\"userName\": \"bob\", \"accountId\": \"111111111111\", \"execution\": \"fp-2c3d-bob\","
                + " \"plan\": \"WOULD_OFFBOARD\", \"outcome\": \"DRY_RUN\", \"reason\": \"would delete: 1 login profile\"},"
                + "{\"userName\": \"carol\", \"accountId\": \"111111111111\", \"execution\": \"fp-4e5f-carol\","
                + " \"plan\": \"REFUSED\", \"outcome\": \"REFUSED\", \"error\": \"Offboarding.UserProtected\","
                + " \"reason\": \"carol carries the protected tag\"}],"
                + " \"planKey\": \"fleet/stale-2026-12/" + NAME + "/plan.json\", \"reportKey\":"
                + " \"fleet/stale-2026-12/" + NAME + "/report.json\"}");
    }

    /** The report of an approved run that offboarded two users and was refused one. */
    static JsonNode completedReport() {
        return json("{\"run\": \"stale-2026-12\", \"fleetExecution\": \"" + NAME + "\", \"startedAt\":"
                + " \"2026-12-01T09:00:00Z\", \"endedAt\": \"2026-12-01T10:30:00Z\", \"outcome\": \"COMPLETED\","
                + " \"approval\": {\"decision\": \"APPROVED\", \"by\": \"" + APPROVER + "\", \"at\":"
                + " \"2026-12-01T10:00:00Z\", \"reason\": \"Checked with HR\"},"
                + " \"counts\": {\"byOutcome\": {\"DELETED\": 2, \"REFUSED\": 1}, \"byError\":"
                + " {\"Offboarding.UserProtected\": 1}}, \"users\": ["
                + "{\"userName\": \"alice\", \"accountId\": \"111111111111\", \"execution\": \"fo-9a8b-alice\","
                + " \"outcome\": \"DELETED\", \"record\": \"111111111111/alice/20261201T100100Z_fo-9a8b-alice.json\","
                + " \"reason\": \"deleted: 2 access keys, the user\"},"
                + "{\"userName\": \"bob\", \"accountId\": \"111111111111\", \"execution\": \"fo-7c6d-bob\","
                + " \"outcome\": \"DELETED\", \"reason\": \"deleted: 1 login profile, the user\"},"
                + "{\"userName\": \"carol\", \"accountId\": \"111111111111\", \"execution\": \"fp-4e5f-carol\","
                + " \"outcome\": \"REFUSED\", \"error\": \"Offboarding.UserProtected\","
                + " \"reason\": \"carol carries the protected tag\"}],"
                + " \"planKey\": \"fleet/stale-2026-12/" + NAME + "/plan.json\", \"reportKey\":"
                + " \"fleet/stale-2026-12/" + NAME + "/report.json\"}");
    }

    /** The report of a rejected run: nobody offboarded. */
    static JsonNode rejectedReport() {
        return json("{\"run\": \"stale-2026-12\", \"fleetExecution\": \"" + NAME + "\", \"startedAt\":"
                + " \"2026-12-01T09:00:00Z\", \"endedAt\": \"2026-12-01T10:00:01Z\", \"outcome\": \"REJECTED\","
                + " \"approval\": {\"decision\": \"REJECTED\", \"by\": \"" + APPROVER + "\", \"at\":"
                + " \"2026-12-01T10:00:00Z\", \"reason\": \"Wrong accounts\"},"
                + " \"counts\": {\"byOutcome\": {}, \"byError\": {}}, \"users\": [],"
                + " \"planKey\": \"fleet/stale-2026-12/" + NAME + "/plan.json\", \"reportKey\":"
                + " \"fleet/stale-2026-12/" + NAME + "/report.json\","
                + " \"ending\": {\"error\": \"Offboarding.Rejected\", \"cause\": \"{}\"}}");
    }
}
