package dev.offboarding.reinstateuser;

import dev.offboarding.audit.AuditRecord;
import dev.offboarding.errors.RecordStoreUnavailableException;
import dev.offboarding.json.Json;
import dev.offboarding.model.Outcome;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.records.RecordStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The user's records as a reinstate reads them: newest first, its own record and every other reinstate's passed
 * over, down to the newest offboarding's, whose lock-out is the one to undo. A reinstate's record is one whose
 * {@code reinstatement} is set.
 */
final class LockOutRecords {
    private final RecordStore store;

    LockOutRecords(RecordStore store) {
        this.store = store;
    }

    /** The newest offboarding record of the user, and the newest earlier reinstate of it that ended REINSTATED. */
    record Found(LockOut lockOut, String reinstatedBefore) {
    }

    Optional<Found> newestOffboarding(String accountId, String userName, String ownKey) {
        List<String> keys = new ArrayList<>(store.keys(RecordKeys.userPrefix(accountId, userName)));
        List<String> reinstatedBy = new ArrayList<>();
        List<AuditRecord> reinstates = new ArrayList<>();
        for (int i = keys.size() - 1; i >= 0; i--) {
            String key = keys.get(i);
            if (key.equals(ownKey)) {
                continue;
            }
            AuditRecord record = read(key);
            if (record.reinstatement() == null) {
                String reinstatedBefore = null;
                for (int j = 0; j < reinstates.size() && reinstatedBefore == null; j++) {
                    if (key.equals(reinstates.get(j).reinstatement().lockOutRecord())) {
                        reinstatedBefore = reinstatedBy.get(j);
                    }
                }
                return Optional.of(new Found(new LockOut(key, record), reinstatedBefore));
            }
            if (record.outcome() == Outcome.REINSTATED) {
                reinstatedBy.add(key);
                reinstates.add(record);
            }
        }
        return Optional.empty();
    }

    /** The record at {@code key}, read again (the offboarding may have moved on since it was first read). */
    LockOut again(LockOut lockOut) {
        return new LockOut(lockOut.key(), read(lockOut.key()));
    }

    /** Where the user's records are, for a message. */
    String whereRecordsOf(String accountId, String userName) {
        return store.describe(RecordKeys.userPrefix(accountId, userName));
    }

    private AuditRecord read(String key) {
        byte[] bytes = store.get(key).orElseThrow(() -> new RecordStoreUnavailableException("the record "
                + store.describe(key) + " was listed but could not be read: it is gone; run the reinstate again"));
        try {
            return Json.mapper().readValue(bytes, AuditRecord.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RecordStoreUnavailableException("the record " + store.describe(key) + " cannot be read as an"
                    + " offboarding record (" + e.getOriginalMessage() + "), so what it locked out cannot be known:"
                    + " look at it before reinstating this user", e);
        } catch (IOException e) {
            throw new RecordStoreUnavailableException("the record " + store.describe(key) + " could not be read: "
                    + e.getMessage(), e);
        }
    }
}
