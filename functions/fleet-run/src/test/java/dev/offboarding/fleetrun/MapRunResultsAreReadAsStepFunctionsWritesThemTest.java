package dev.offboarding.fleetrun;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.errors.MapRunResultsUnreadableException;
import dev.offboarding.errors.RecordStoreUnavailableException;
import dev.offboarding.model.Outcome;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.records.RecordStore;
import dev.offboarding.records.S3RecordStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ResultWriter's files as Step Functions writes them: {@code <Prefix>/<MapRunId>/manifest.json} naming the
 * SUCCEEDED, FAILED and PENDING files by their full object keys, each a JSON array of child executions whose Input
 * and Output are JSON strings.
 */
class MapRunResultsAreReadAsStepFunctionsWritesThemTest {
    private static final String PREFIX = "fleet/stale/x/plan/results/123456789012";
    private static final String A = "123456789012";

    private static final String MANIFEST = "{\"DestinationBucket\":\"memory-records\",\"MapRunArn\":"
            + "\"arn:aws:states:us-east-1:123456789012:mapRun:OffboardFleet/RunAccountChildren:0b9b\","
            + "\"ResultFiles\":{\"FAILED\":[],\"PENDING\":[],\"SUCCEEDED\":[{\"Key\":\"" + PREFIX
            + "/0b9b/SUCCEEDED_0.json\",\"Size\":%d}]}}";

    @Test
    void eachOutputOfTheItemProcessorIsAChildThatFinishedFailedOrWasAlreadyStarted() {
        FleetWorld world = new FleetWorld();
        world.mapRunWrote(PREFIX, List.of(
                FleetWorld.finished(FleetWorld.record(Outcome.DELETED, "alice", A, "fo-1-alice")),
                FleetWorld.childFailed("fo-2-bob", "bob", A, "Offboarding.UserProtected", "protected"),
                FleetWorld.alreadyStarted("fo-3-carol", "carol", A),
                FleetWorld.processorFailed("fo-4-dave", "dave", A)));

        Map<String, ChildResult> results = new MapRunResults(world.store).read(PREFIX);

        assertEquals(4, results.size());
        assertEquals(Outcome.DELETED, assertInstanceOf(ChildResult.Finished.class, results.get("fo-1-alice"))
                .child().outcome());
        ChildResult.Failed bob = assertInstanceOf(ChildResult.Failed.class, results.get("fo-2-bob"));
        assertEquals("Offboarding.UserProtected", bob.error(), "the child's own error, from DescribeExecution");
        assertEquals("protected", bob.cause());
        assertEquals(FleetWorld.CHILD_STARTED, bob.startedAt());
        assertInstanceOf(ChildResult.AlreadyStarted.class, results.get("fo-3-carol"));
        ChildResult.NotRun dave = assertInstanceOf(ChildResult.NotRun.class, results.get("fo-4-dave"));
        assertEquals("FAILED", dave.status());
        assertEquals("States.Runtime", dave.error());
    }

    @Test
    void inS3TheManifestsKeysAreFullObjectKeysUnderTheStoresPrefix() {
        RecordStore memory = new MemoryRecordStore();
        // A store under "records/" whose objects live in the memory store at their full keys.
        RecordStore s3 = new PrefixedStore(memory, "offboarding-records", "records/");
        FleetWorld world = new FleetWorld(s3);
        world.mapRunWrote(PREFIX, List.of(FleetWorld.childFailed("fo-2-bob", "bob", A, "E", "C")));

        assertTrue(memory.keys("records/" + PREFIX + "/").stream().anyMatch(k -> k.endsWith("manifest.json")));
        assertEquals(1, new MapRunResults(s3).read(PREFIX).size());
    }

    @Test
    void noMapRunUnderThePrefixIsNoResult() {
        assertEquals(Map.of(), new MapRunResults(new MemoryRecordStore()).read(PREFIX));
    }

    @Test
    void aManifestOfAnotherBucketIsRefused() {
        RecordStore store = new MemoryRecordStore();
        store.put(PREFIX + "/0b9b/manifest.json", String.format(MANIFEST, 2).replace("memory-records", "elsewhere")
                .getBytes(UTF_8));

        String message = assertThrows(MapRunResultsUnreadableException.class,
                () -> new MapRunResults(store).read(PREFIX)).getMessage();
        assertTrue(message.contains("DestinationBucket is elsewhere"), message);
    }

    @Test
    void aResultFileTheManifestNamesButIsMissingIsAStoreFailure() {
        RecordStore store = new MemoryRecordStore();
        store.put(PREFIX + "/0b9b/manifest.json", String.format(MANIFEST, 2).getBytes(UTF_8));

        assertThrows(RecordStoreUnavailableException.class, () -> new MapRunResults(store).read(PREFIX));
    }

    @Test
    void aResultFileLargerThanReadIsRefusedBeforeItIsRead() {
        RecordStore store = new MemoryRecordStore();
        store.put(PREFIX + "/0b9b/manifest.json", String.format(MANIFEST, MapRunResults.MAX_RESULT_FILE_BYTES + 1)
                .getBytes(UTF_8));

        String message = assertThrows(MapRunResultsUnreadableException.class,
                () -> new MapRunResults(store).read(PREFIX)).getMessage();
        assertTrue(message.contains("more than " + MapRunResults.MAX_RESULT_FILE_BYTES), message);
    }

    @Test
    void anEntryWhoseOutputIsNoneOfTheProcessorsShapesIsRefusedNamingIt() {
        RecordStore store = new MemoryRecordStore();
        String results = "[{\"ExecutionArn\":\"arn:aws:states:us-east-1:123456789012:execution:x:1\","
                + "\"Input\":\"{\\\"execution\\\":\\\"fo-1\\\",\\\"userName\\\":\\\"a\\\",\\\"accountId\\\":\\\"" + A
                + "\\\"}\",\"InputDetails\":{\"Included\":true},\"Name\":\"1\","
                + "\"Output\":\"{\\\"execution\\\":\\\"fo-1\\\",\\\"userName\\\":\\\"a\\\",\\\"accountId\\\":\\\"" + A
                + "\\\"}\",\"OutputDetails\":{\"Included\":true},\"Status\":\"SUCCEEDED\"}]";
        store.put(PREFIX + "/0b9b/SUCCEEDED_0.json", results.getBytes(UTF_8));
        store.put(PREFIX + "/0b9b/manifest.json", String.format(MANIFEST, results.length()).getBytes(UTF_8));

        String message = assertThrows(MapRunResultsUnreadableException.class,
                () -> new MapRunResults(store).read(PREFIX)).getMessage();
        assertTrue(message.contains("entry 0.Output must have exactly one of child, childFailed, alreadyStarted"),
                message);
    }

    @Test
    void aResultFileThatIsNotJsonIsRefused() {
        RecordStore store = new MemoryRecordStore();
        store.put(PREFIX + "/0b9b/SUCCEEDED_0.json", "not json".getBytes(UTF_8));
        store.put(PREFIX + "/0b9b/manifest.json", String.format(MANIFEST, 8).getBytes(UTF_8));

        assertThrows(MapRunResultsUnreadableException.class, () -> new MapRunResults(store).read(PREFIX));
    }

    @Test
    void moreMapRunsThanReadAreRefused() {
        RecordStore store = new MemoryRecordStore();
        for (int i = 0; i <= MapRunResults.MAX_MANIFESTS; i++) {
            store.put(PREFIX + "/run" + i + "/manifest.json", "{}".getBytes(UTF_8));
        }

        assertThrows(MapRunResultsUnreadableException.class, () -> new MapRunResults(store).read(PREFIX));
    }

    @Test
    void aFailedChildsStartDateIsReadAsEpochMillisecondsAsATaskAnswersIt() {
        FleetWorld world = new FleetWorld();
        world.mapRunWrote(PREFIX, List.of(FleetWorld.childFailed("fo-2-bob", "bob", A, "E", "C")));

        ChildResult.Failed failed = (ChildResult.Failed) new MapRunResults(world.store).read(PREFIX).get("fo-2-bob");
        assertEquals(Instant.parse("2026-12-02T10:05:00Z"), failed.startedAt());
    }

    /** An S3 store's key mapping over a memory store: keys live at prefix + key, named as bucket/full key. */
    private static final class PrefixedStore implements RecordStore {
        private final RecordStore objects;
        private final S3RecordStore naming;
        private final String prefix;

        PrefixedStore(RecordStore objects, String bucket, String prefix) {
            this.objects = objects;
            this.naming = new S3RecordStore(null, bucket, prefix);
            this.prefix = prefix;
        }

        @Override
        public void put(String key, byte[] json) {
            objects.put(prefix + key, json);
        }

        @Override
        public java.util.Optional<byte[]> get(String key) {
            return objects.get(prefix + key);
        }

        @Override
        public List<String> keys(String keyPrefix) {
            return objects.keys(prefix + keyPrefix).stream().map(k -> k.substring(prefix.length())).toList();
        }

        @Override
        public String describe(String key) {
            return naming.describe(key);
        }

        @Override
        public dev.offboarding.records.BucketKey bucketKey(String key) {
            return naming.bucketKey(key);
        }
    }
}
