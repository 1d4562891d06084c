package dev.offboarding.records;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Records kept in memory: for tests and for local runs that keep no records. */
public final class MemoryRecordStore implements RecordStore {
    private final Map<String, byte[]> records = new ConcurrentSkipListMap<>();

    @Override
    public void put(String key, byte[] json) {
        records.put(RecordKeys.checked(key), json.clone());
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(records.get(RecordKeys.checked(key))).map(byte[]::clone);
    }

    @Override
    public List<String> keys(String prefix) {
        RecordKeys.checkedPrefix(prefix);
        return records.keySet().stream().filter(key -> key.startsWith(prefix)).toList();
    }

    @Override
    public String describe(String key) {
        return "memory:" + key;
    }

    /** Bucket {@code memory-records}, the key as it is. */
    @Override
    public BucketKey bucketKey(String key) {
        return new BucketKey(BucketKey.MEMORY_RECORDS, RecordKeys.checkedPrefix(key));
    }
}
