package dev.offboarding.fleetrun;

import dev.offboarding.audit.AuditRecord;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.records.RecordStore;
import dev.offboarding.validation.Executions;
import java.util.List;
import java.util.Optional;

/**
 * Where a child execution's single-user record is: {@code <accountId>/<user>/<startedAt>_<execution>.json}
 * ({@link RecordKeys}). A finished child's audit record says its start and execution, so its key follows; any other
 * is found among the user's records by the execution name the key ends with.
 */
final class ChildRecords {
    private final RecordStore store;

    ChildRecords(RecordStore store) {
        this.store = store;
    }

    Optional<String> of(ChildResult result) {
        if (result instanceof ChildResult.Finished finished) {
            AuditRecord record = finished.child();
            if (record.accountId() != null && record.startedAt() != null && record.executionId() != null) {
                try {
                    return Optional.of(RecordKeys.key(record.accountId(), record.userName(), record.startedAt(),
                            Executions.nameOf(record.executionId())));
                } catch (IllegalArgumentException notAKey) {
                    // look it up by name below
                }
            }
        }
        return byExecution(result.accountId(), result.userName(), result.execution());
    }

    /** The user's record whose key ends with {@code _<execution>.json}, the latest if there were several. */
    Optional<String> byExecution(String accountId, String userName, String execution) {
        if (!RecordKeys.isSegment(userName) || !RecordKeys.isSegment(execution)) {
            return Optional.empty();
        }
        String suffix = "_" + execution + ".json";
        List<String> keys = store.keys(RecordKeys.userPrefix(accountId, userName));
        return keys.stream().filter(key -> key.endsWith(suffix)).reduce((first, second) -> second);
    }
}
