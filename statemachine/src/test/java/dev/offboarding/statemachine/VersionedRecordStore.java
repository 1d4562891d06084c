package dev.offboarding.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.RecordStoreUnavailableException;
import dev.offboarding.json.Json;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.records.RecordStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * A record store in memory that keeps every version written, as a versioned bucket does, each with how many mutating
 * IAM calls had been made when it was written (so a test sees what was written ahead of what), and that refuses,
 * as S3 can, every write of a record {@link #refusing} matches (and, with {@link #refusingEverything}, every call).
 */
final class VersionedRecordStore implements RecordStore {
    /** One write: the key, the record, and the mutating IAM calls made before it. */
    record Version(String key, JsonNode record, int mutatingCallsBefore) {
    }

    private final MemoryRecordStore store = new MemoryRecordStore();
    private final List<Version> versions = new CopyOnWriteArrayList<>();
    private volatile IntSupplier mutatingCalls = () -> 0;
    private volatile Predicate<JsonNode> refused = record -> false;
    private volatile boolean refusingEverything;

    /** Counts the mutating IAM calls with {@code calls} from now on. */
    VersionedRecordStore counting(IntSupplier calls) {
        this.mutatingCalls = calls;
        return this;
    }

    /** Refuses every write of a record that {@code records} matches (AccessDenied), until told otherwise. */
    VersionedRecordStore refusing(Predicate<JsonNode> records) {
        this.refused = records;
        return this;
    }

    /** Refuses every call, reads and listings too, as a bucket the functions may not use. */
    VersionedRecordStore refusingEverything() {
        this.refusingEverything = true;
        return this;
    }

    List<Version> versions() {
        return List.copyOf(versions);
    }

    @Override
    public void put(String key, byte[] json) {
        JsonNode record = parse(json);
        if (refusingEverything || refused.test(record)) {
            throw new RecordStoreUnavailableException("the record store refused PutObject on " + describe(key)
                    + " (AccessDenied: Access Denied)");
        }
        store.put(key, json);
        versions.add(new Version(key, record, mutatingCalls.getAsInt()));
    }

    @Override
    public Optional<byte[]> get(String key) {
        if (refusingEverything) {
            throw new RecordStoreUnavailableException("the record store refused GetObject on " + describe(key)
                    + " (AccessDenied: Access Denied)");
        }
        return store.get(key);
    }

    @Override
    public List<String> keys(String prefix) {
        if (refusingEverything) {
            throw new RecordStoreUnavailableException("the record store refused ListObjectsV2 on " + describe(prefix)
                    + " (AccessDenied: Access Denied)");
        }
        return store.keys(prefix);
    }

    @Override
    public String describe(String key) {
        return store.describe(key);
    }

    private static JsonNode parse(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
