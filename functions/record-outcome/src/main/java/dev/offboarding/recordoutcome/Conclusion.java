package dev.offboarding.recordoutcome;

import dev.offboarding.audit.AuditRecord;

/**
 * How an execution ends: {@code failed} with the error and Cause the execution fails with, or succeeded with its
 * audit record (then error and cause are null).
 */
public record Conclusion(boolean failed, String error, String cause, AuditRecord record) {
    static Conclusion failed(String error, String cause) {
        return new Conclusion(true, error, cause, null);
    }

    static Conclusion succeeded(AuditRecord record) {
        return new Conclusion(false, null, null, record);
    }
}
