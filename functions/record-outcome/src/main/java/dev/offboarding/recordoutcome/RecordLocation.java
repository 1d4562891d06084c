package dev.offboarding.recordoutcome;

/** Where a record is: its key in the store, and for people the whole location ({@code s3://bucket/prefix/key}). */
public record RecordLocation(String key, String location) {
}
