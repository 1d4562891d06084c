package dev.offboarding.recordoutcome;

import dev.offboarding.model.Outcome;
import dev.offboarding.records.RecordLocation;

/**
 * The EventBridge event the workflow puts at its end (state Announce): its detail-type and detail. A ticketing
 * system or a chat channel reacts to it; the record itself is at {@code record.location}.
 */
public record Announcement(String detailType, Detail detail) {
    public static final String COMPLETED = "Offboarding Completed";
    public static final String REFUSED = "Offboarding Refused";
    public static final String FAILED = "Offboarding Failed";

    public record Detail(Outcome outcome, String userName, String accountId, String requestedBy, String reason,
                         String error, String cause, RecordLocation record, String execution) {
    }

    static Announcement of(dev.offboarding.audit.AuditRecord record, RecordLocation location) {
        String detailType = switch (record.outcome()) {
            case REFUSED -> REFUSED;
            case FAILED, IN_PROGRESS -> FAILED;
            // A reinstate's record is never announced by the offboarding workflow.
            case DELETED, ALREADY_ABSENT, DRY_RUN, REINSTATED -> COMPLETED;
        };
        return new Announcement(detailType, new Detail(record.outcome(), record.userName(), record.accountId(),
                record.requestedBy(), record.reason(), record.error(), record.cause(), location,
                record.executionId()));
    }
}
