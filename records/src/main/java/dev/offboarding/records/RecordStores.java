package dev.offboarding.records;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/** Opens the record store a location names: {@code s3://bucket[/prefix]} in S3, anything else a local folder. */
public final class RecordStores {
    private RecordStores() {
    }

    /**
     * {@code s3://bucket[/prefix]}: the objects under that prefix, through a client of the standard SDK configuration
     * built on first use; anything else: the folder at that path. A location that starts with "s3:" but is not of
     * that form is an IllegalArgumentException naming it and the form.
     */
    public static RecordStore at(String location) {
        if (location != null && S3Location.isS3(location)) {
            return S3RecordStore.at(S3Location.parse(location));
        }
        return new DirectoryRecordStore(folder(location));
    }

    /**
     * As {@link #at(String)}, with S3 through the client {@code s3} gives when the store is first used (the caller
     * closes it).
     */
    public static RecordStore at(String location, Supplier<S3Client> s3) {
        if (location != null && S3Location.isS3(location)) {
            return S3RecordStore.at(S3Location.parse(location), s3);
        }
        return new DirectoryRecordStore(folder(location));
    }

    /** The store the function environment names: RECORDS_BUCKET (+ RECORDS_PREFIX). */
    public static RecordStore fromEnvironment() {
        return S3RecordStore.fromEnvironment();
    }

    private static Path folder(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("no records location: give s3://bucket[/prefix] or a folder");
        }
        try {
            return Path.of(location);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a folder: " + RecordKeys.printable(location) + " (" + e.getReason()
                    + "); give s3://bucket[/prefix] or a folder", e);
        }
    }
}
