package dev.offboarding.local;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A record store in memory, presented as an S3 bucket, that remembers every write it accepted, in order, and refuses
 * the writes {@code refuses} picks (by the record about to be written) as S3 refuses a PutObject the caller may not
 * make.
 */
final class WatchedRecordStore implements RecordStore {
    static final String LOCATION = "s3://offboarding-records-123456789012/records/";
    static final String REFUSAL = "AccessDenied (Access Denied)";

    private final MemoryRecordStore kept = new MemoryRecordStore();
    private final Predicate<JsonNode> refuses;
    private final List<byte[]> written = new CopyOnWriteArrayList<>();
    private final List<JsonNode> refused = new CopyOnWriteArrayList<>();

    private WatchedRecordStore(Predicate<JsonNode> refuses) {
        this.refuses = refuses;
    }

    /** A store that accepts every write. */
    static WatchedRecordStore accepting() {
        return new WatchedRecordStore(record -> false);
    }

    /** A store that accepts the first {@code writes} writes and refuses every later one. */
    static WatchedRecordStore acceptingOnlyTheFirst(int writes) {
        AtomicInteger seen = new AtomicInteger();
        return new WatchedRecordStore(record -> seen.incrementAndGet() > writes);
    }

    /** A store that refuses the writes of the records {@code refuses} picks. */
    static WatchedRecordStore refusing(Predicate<JsonNode> refuses) {
        return new WatchedRecordStore(refuses);
    }

    @Override
    public void put(String key, byte[] json) {
        JsonNode record = parse(json);
        if (refuses.test(record)) {
            refused.add(record);
            throw new RecordStoreUnavailableException("the record " + describe(key) + " could not be written: "
                    + REFUSAL);
        }
        kept.put(key, json);
        written.add(json.clone());
    }

    @Override
    public Optional<byte[]> get(String key) {
        return kept.get(key);
    }

    @Override
    public List<String> keys(String prefix) {
        return kept.keys(prefix);
    }

    @Override
    public String describe(String key) {
        return LOCATION + key;
    }

    /** Every write accepted, as written, in order. */
    List<byte[]> written() {
        return List.copyOf(written);
    }

    /** Every record accepted, in order. */
    List<JsonNode> writtenRecords() {
        return written.stream().map(WatchedRecordStore::parse).toList();
    }

    /** Every record refused, in order. */
    List<JsonNode> refused() {
        return List.copyOf(refused);
    }

    static JsonNode parse(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
