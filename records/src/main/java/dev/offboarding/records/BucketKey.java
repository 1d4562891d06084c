package dev.offboarding.records;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a record (or a key prefix) is as an S3 object: the bucket and the object key (the store's own prefix
 * included), named as Step Functions' {@code s3:getObject} ItemReader and {@code s3:putObject} ResultWriter take them
 * ({@code {"Bucket": ..., "Key": ...}}).
 */
public record BucketKey(@JsonProperty("Bucket") String bucket, @JsonProperty("Key") String key) {
    /** The bucket a local engine maps to a {@link DirectoryRecordStore}'s folder. */
    public static final String LOCAL_RECORDS = "local-records";
    /** The bucket named for a {@link MemoryRecordStore}'s records: no engine reads it. */
    public static final String MEMORY_RECORDS = "memory-records";
}
