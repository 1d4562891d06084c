package dev.offboarding.records;

/** Where a record is: its key in the store, and for people the whole location ({@code s3://bucket/prefix/key}). */
public record RecordLocation(String key, String location) {
    /** Where {@code key} is in {@code store}. */
    public static RecordLocation of(RecordStore store, String key) {
        return new RecordLocation(key, store.describe(key));
    }
}
