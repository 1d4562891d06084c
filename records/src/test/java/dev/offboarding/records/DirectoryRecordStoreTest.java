package dev.offboarding.records;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.errors.RecordStoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Records as files of a local folder: the same keys as in S3, as relative paths, each file written in one step. */
class DirectoryRecordStoreTest {
    private static final String ACCOUNT = "123456789012";
    private static final Instant FIRST = Instant.parse("2026-12-02T01:30:00Z");

    @TempDir
    Path folder;

    private static String key(String user, int minutesLater) {
        return RecordKeys.key(ACCOUNT, user, FIRST.plusSeconds(60L * minutesLater), "exec-" + minutesLater);
    }

    @Test
    void aRecordIsAFileAtItsKeysPathInFoldersItCreates() throws IOException {
        DirectoryRecordStore store = new DirectoryRecordStore(folder.resolve("offboarding-records"));

        store.put(key("alice", 0), "{\"outcome\":\"IN_PROGRESS\"}".getBytes(UTF_8));

        Path file = folder.resolve("offboarding-records/123456789012/alice/20261202T013000Z_exec-0.json");
        assertEquals("{\"outcome\":\"IN_PROGRESS\"}", Files.readString(file));
        assertEquals("{\"outcome\":\"IN_PROGRESS\"}", new String(store.get(key("alice", 0)).orElseThrow(), UTF_8));
        assertEquals(file.toString(), store.describe(key("alice", 0)));
    }

    @Test
    void rewritingARecordReplacesItAndLeavesNoTemporaryFile() throws IOException {
        DirectoryRecordStore store = new DirectoryRecordStore(folder);
        store.put(key("alice", 0), "{\"outcome\":\"IN_PROGRESS\"}".getBytes(UTF_8));

        store.put(key("alice", 0), "{\"outcome\":\"DELETED\"}".getBytes(UTF_8));

        assertEquals("{\"outcome\":\"DELETED\"}", new String(store.get(key("alice", 0)).orElseThrow(), UTF_8));
        assertEquals(List.of("20261202T013000Z_exec-0.json"), namesIn(folder.resolve("123456789012/alice")));
    }

    @Test
    void aKeyNeverWrittenIsNoRecord() {
        DirectoryRecordStore store = new DirectoryRecordStore(folder);

        assertEquals(Optional.empty(), store.get(key("nobody", 0)));
        assertEquals(List.of(), store.keys(RecordKeys.userPrefix(ACCOUNT, "nobody")));
        assertEquals(Optional.empty(), store.get(ACCOUNT + "/"));
    }

    @Test
    void keysAreListedInStartOrderAndByPrefix() {
        DirectoryRecordStore store = new DirectoryRecordStore(folder);
        for (String key : List.of(key("alice", 30), key("bob", 1), key("alice", 0), key("alice", 600))) {
            store.put(key, "{}".getBytes(UTF_8));
        }
        store.put(RecordKeys.key("210987654321", "alice", FIRST, "elsewhere"), "{}".getBytes(UTF_8));

        assertEquals(List.of(key("alice", 0), key("alice", 30), key("alice", 600)),
                store.keys(RecordKeys.userPrefix(ACCOUNT, "alice")));
        assertEquals(List.of(key("alice", 0), key("alice", 30), key("alice", 600), key("bob", 1)),
                store.keys(RecordKeys.accountPrefix(ACCOUNT)));
        assertEquals(5, store.keys("").size());
        assertEquals(List.of(key("alice", 0), key("alice", 30)),
                store.keys(RecordKeys.userPrefix(ACCOUNT, "alice") + "20261202T0"));
    }

    @Test
    void aWriteInterruptedBeforeItsMoveIsNeverListedAsARecord() throws IOException {
        DirectoryRecordStore store = new DirectoryRecordStore(folder);
        store.put(key("alice", 0), "{}".getBytes(UTF_8));
        Path left = Files.createTempFile(folder.resolve("123456789012/alice"), ".20261202T013500Z_x.json",
                "..partial");

        assertEquals(List.of(key("alice", 0)), store.keys(""), "not " + left);
    }

    @Test
    void aWriteThatCannotBeMovedInPlaceFailsNamingThePathAndLeavesNothingBehind() throws IOException {
        DirectoryRecordStore store = new DirectoryRecordStore(folder);
        Path occupied = Files.createDirectories(folder.resolve(key("alice", 0)));
        Files.writeString(occupied.resolve("something"), "x");

        RecordStoreUnavailableException failed = assertThrows(RecordStoreUnavailableException.class,
                () -> store.put(key("alice", 0), "{}".getBytes(UTF_8)));

        assertTrue(failed.getMessage().startsWith("cannot write the records at " + occupied), failed.getMessage());
        assertEquals(List.of("20261202T013000Z_exec-0.json"), namesIn(folder.resolve("123456789012/alice")));
    }

    @Test
    void aFolderThatCannotBeCreatedIsAFailureOfTheStoreNamingThePath() throws IOException {
        Path aFile = Files.writeString(folder.resolve("not-a-folder"), "x");
        DirectoryRecordStore store = new DirectoryRecordStore(aFile);

        RecordStoreUnavailableException failed = assertThrows(RecordStoreUnavailableException.class,
                () -> store.put(key("alice", 0), "{}".getBytes(UTF_8)));

        assertTrue(failed.getMessage().startsWith("cannot write the records at " + aFile.resolve(key("alice", 0))),
                failed.getMessage());
        assertTrue(failed.getMessage().contains("check that the folder exists and that this user may write it"),
                failed.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside.json", "123456789012/../../outside.json", "/etc/passwd", "a\\..\\b",
        "123456789012/alice/x\n.json", ""})
    void aKeyThatWouldLeadOutOfTheFolderOrIsNoKeyIsRefused(String key) {
        DirectoryRecordStore store = new DirectoryRecordStore(folder.resolve("records"));

        assertThrows(IllegalArgumentException.class, () -> store.put(key, "{}".getBytes(UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> store.get(key));
        assertTrue(Files.notExists(folder.resolve("outside.json")));
        assertTrue(Files.notExists(folder.resolve("records")));
    }

    @Test
    void aPrefixThatWouldLeadOutOfTheFolderIsRefused() {
        DirectoryRecordStore store = new DirectoryRecordStore(folder.resolve("records"));

        assertThrows(IllegalArgumentException.class, () -> store.keys("../"));
        assertThrows(IllegalArgumentException.class, () -> store.keys("/"));
    }

    private static List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
