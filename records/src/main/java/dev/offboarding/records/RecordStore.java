package dev.offboarding.records;

import java.util.List;
import java.util.Optional;

/**
 * Where offboarding records are kept. Keys are relative to the store's own prefix ({@link RecordKeys}). Every failure
 * is a {@link dev.offboarding.errors.RecordStoreUnavailableException} naming the location and the reason.
 */
public interface RecordStore {
    /** Writes (or rewrites) the record at {@code key}. */
    void put(String key, byte[] json);

    /** The record at {@code key}, or empty when there is none. */
    Optional<byte[]> get(String key);

    /** Every key under {@code prefix}, in ascending order (bounded: see the implementations). */
    List<String> keys(String prefix);

    /** Where {@code key} is, for people: {@code s3://bucket/prefix/key} or a file path. */
    String describe(String key);

    /**
     * Where {@code key} (a key, or a key prefix such as a ResultWriter's) is as an S3 bucket and object key, for a
     * workflow that reads or writes it through Step Functions' S3 integrations rather than through this store.
     */
    default BucketKey bucketKey(String key) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot name its records as S3 objects");
    }
}
