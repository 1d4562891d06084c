package dev.offboarding.cli;

import dev.offboarding.records.RecordStore;
import dev.offboarding.records.RecordStores;
import java.util.function.Supplier;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** The --records option: where offboarding records are kept, a folder or s3://bucket[/prefix]. */
final class RecordsLocation {
    static final String DEFAULT = "./offboarding-records";

    @Option(names = "--records", paramLabel = "LOCATION", defaultValue = DEFAULT,
            description = "Where offboarding records are kept: a folder (default: ${DEFAULT-VALUE}, in the current"
                    + " directory), or s3://bucket[/prefix]: the deployed RecordsBucket and its prefix, records/,"
                    + " with the standard AWS SDK configuration, or any S3-compatible server through"
                    + " AWS_ENDPOINT_URL_S3 (at an IP address such as 127.0.0.1).")
    String location = DEFAULT;

    /**
     * The store at the location; a malformed one is a {@link UsageException} naming --records. {@code s3}: the S3
     * clients to use, or null for one of the standard SDK configuration, built on first use.
     */
    RecordStore open(Supplier<S3Client> s3) {
        try {
            return s3 == null ? RecordStores.at(location) : RecordStores.at(location, s3);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--records: " + e.getMessage());
        }
    }
}
