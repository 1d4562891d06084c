package dev.offboarding.recordoutcome;

import dev.offboarding.audit.AuditRecord;
import dev.offboarding.records.RecordLocation;

/**
 * How an execution ends: {@code failed} with the error and Cause the execution fails with, or succeeded (then error
 * and cause are null); either way with its final record, where it was written, and the event that announces it.
 */
public record Conclusion(boolean failed, String error, String cause, AuditRecord record, RecordLocation recordAt,
                         Announcement announcement) implements StageAnswer {
    static Conclusion failed(String error, String cause) {
        return new Conclusion(true, error, cause, null, null, null);
    }

    static Conclusion succeeded(AuditRecord record) {
        return new Conclusion(false, null, null, record, null, null);
    }

    Conclusion withRecord(AuditRecord record) {
        return new Conclusion(failed, error, cause, record, recordAt, announcement);
    }

    Conclusion writtenAt(RecordLocation location) {
        return new Conclusion(failed, error, cause, record, location, Announcement.of(record, location));
    }
}
