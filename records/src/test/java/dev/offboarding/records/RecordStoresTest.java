package dev.offboarding.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.errors.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which store a location names, and the function environment's store. */
class RecordStoresTest {
    @Test
    void anS3LocationIsABucketAndAKeyPrefix() {
        S3RecordStore store = assertInstanceOf(S3RecordStore.class, RecordStores.at("s3://records-bucket/audit/x"));

        assertEquals(new S3Location("records-bucket", "audit/x/"), store.location());
        assertEquals("s3://records-bucket/audit/x/123456789012/", store.describe("123456789012/"));
    }

    @Test
    void anS3LocationWithoutAPrefixIsTheWholeBucket() {
        assertEquals(new S3Location("records-bucket", ""),
                ((S3RecordStore) RecordStores.at("s3://records-bucket")).location());
        assertEquals(new S3Location("records-bucket", ""),
                ((S3RecordStore) RecordStores.at("s3://records-bucket/")).location());
        assertEquals(new S3Location("records-bucket", "records/"),
                ((S3RecordStore) RecordStores.at("s3://records-bucket/records/")).location());
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://", "s3:records-bucket", "s3:/records-bucket", "S3://records-bucket",
        "s3://Records_Bucket", "s3://ab", "s3://records-bucket//x", "s3://records-bucket/../x",
        "s3://records-bucket/a\nb"})
    void aMalformedS3LocationIsRefusedNamingItAndTheExpectedForm(String location) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RecordStores.at(location));

        assertTrue(refused.getMessage().startsWith("not an S3 location: " + RecordKeys.printable(location)
                + " (expected s3://bucket[/prefix])"), refused.getMessage());
    }

    @Test
    void anythingElseIsAFolder() {
        DirectoryRecordStore store = assertInstanceOf(DirectoryRecordStore.class,
                RecordStores.at("./offboarding-records"));

        assertEquals(Path.of("offboarding-records").toAbsolutePath(), store.root());
    }

    @Test
    void theFunctionEnvironmentNamesTheBucketAndThePrefix() {
        assertEquals(new S3Location("records-bucket", "records/"),
                S3RecordStore.locationIn(Map.of("RECORDS_BUCKET", "records-bucket")));
        assertEquals(new S3Location("records-bucket", "audit/"),
                S3RecordStore.locationIn(Map.of("RECORDS_BUCKET", "records-bucket", "RECORDS_PREFIX", "audit")));
        assertEquals(new S3Location("records-bucket", ""),
                S3RecordStore.locationIn(Map.of("RECORDS_BUCKET", "records-bucket", "RECORDS_PREFIX", "")));
    }

    @Test
    void aFunctionEnvironmentWithoutABucketIsAConfigurationError() {
        InvalidConfigurationException missing = assertThrows(InvalidConfigurationException.class,
                () -> S3RecordStore.locationIn(Map.of()));
        InvalidConfigurationException malformed = assertThrows(InvalidConfigurationException.class,
                () -> S3RecordStore.locationIn(Map.of("RECORDS_BUCKET", "Not A Bucket")));

        assertTrue(missing.getMessage().startsWith("RECORDS_BUCKET is not set"), missing.getMessage());
        assertTrue(malformed.getMessage().contains("not an S3 bucket name: Not A Bucket"), malformed.getMessage());
    }
}
