package dev.offboarding.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.offboarding.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a workflow's S3 integrations (ItemReader, ResultWriter) are given for a record or a prefix of the store. */
class AStoreNamesItsRecordsAsBucketAndKeyTest {
    @TempDir
    Path folder;

    @Test
    void inS3ItIsTheStoresBucketAndTheKeyAfterTheStoresPrefix() {
        S3RecordStore store = new S3RecordStore(null, "offboarding-records", "records/");

        assertEquals(new BucketKey("offboarding-records", "records/fleet/r/x/plan/111111111111.json"),
                store.bucketKey("fleet/r/x/plan/111111111111.json"));
        assertEquals(new BucketKey("offboarding-records", "records/fleet/r/x/plan/results/111111111111"),
                store.bucketKey("fleet/r/x/plan/results/111111111111"));
    }

    @Test
    void inS3WithoutAPrefixItIsTheKeyAsItIs() {
        assertEquals(new BucketKey("offboarding-records", "fleet/a.json"),
                new S3RecordStore(null, "offboarding-records", "").bucketKey("fleet/a.json"));
    }

    @Test
    void aFolderIsTheLocalRecordsBucketWithTheKeyRelativeToIt() {
        assertEquals(new BucketKey("local-records", "fleet/r/x/plan/111111111111.json"),
                new DirectoryRecordStore(folder).bucketKey("fleet/r/x/plan/111111111111.json"));
    }

    @Test
    void memoryIsTheMemoryRecordsBucket() {
        assertEquals(new BucketKey("memory-records", "fleet/a.json"), new MemoryRecordStore().bucketKey("fleet/a.json"));
    }

    @Test
    void itIsWrittenAsStepFunctionsTakesAnS3Object() throws Exception {
        assertEquals("{\"Bucket\":\"b-1\",\"Key\":\"k/a.json\"}",
                Json.mapper().writeValueAsString(new BucketKey("b-1", "k/a.json")));
    }

    @Test
    void aKeyNoRecordCanHaveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryRecordStore().bucketKey("../other"));
        assertThrows(IllegalArgumentException.class, () -> new DirectoryRecordStore(folder).bucketKey("/etc/passwd"));
    }
}
