package dev.offboarding.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/** The offboarding request's fields as options; each given option overrides the scenario's request. */
final class RequestOptions {
    @Option(names = "--reason", description = "Why the user is offboarded (kept in the audit record).")
    String reason;

    @Option(names = "--requested-by", description = "Who asked for it (kept in the audit record).")
    String requestedBy;

    @Option(names = "--force", description = "Delete even if a credential was used within the activity window.")
    Boolean force;

    @Option(names = "--quarantine-days", paramLabel = "DAYS",
            description = "Lock the user out now and delete after this many days (1 to 90).")
    Integer quarantineDays;

    @Option(names = "--account-id", paramLabel = "ACCOUNT", description = "Offboard in this other AWS account.")
    String accountId;

    void applyTo(ObjectNode request) {
        if (reason != null) {
            request.put("reason", reason);
        }
        if (requestedBy != null) {
            request.put("requestedBy", requestedBy);
        }
        if (force != null) {
            request.put("force", force);
        }
        if (quarantineDays != null) {
            request.put("quarantineDays", quarantineDays);
        }
        if (accountId != null) {
            request.put("accountId", accountId);
        }
    }
}
