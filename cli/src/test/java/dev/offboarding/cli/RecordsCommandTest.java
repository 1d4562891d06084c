package dev.offboarding.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.records.DirectoryRecordStore;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.records.RecordStore;
import dev.offboarding.records.S3RecordStore;
import dev.offboarding.s3testserver.CannedS3Server;
import dev.offboarding.s3testserver.S3TestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** `offboard records list` and `show`, over a folder and over a real S3-compatible server. */
class RecordsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOME = "123456789012";
    private static final String OTHER = "210987654321";
    private static final Instant T0 = Instant.parse("2026-12-02T01:30:00Z");
    static final String ALICE_FIRST = RecordKeys.key(HOME, "alice", T0, "offboard-alice-1");
    static final String BOB = RecordKeys.key(HOME, "bob", T0.plusSeconds(60), "offboard-bob");
    static final String ALICE_ELSEWHERE = RecordKeys.key(OTHER, "alice", T0.plusSeconds(120), "offboard-alice-2");
    static final String ALICE_AGAIN = RecordKeys.key(HOME, "alice", T0.plusSeconds(3600), "offboard-alice-3");

    /** Four records, written out of order: alice twice in one account and once in another, bob once. */
    static void fill(RecordStore store) {
        store.put(ALICE_AGAIN, record("IN_PROGRESS", "alice", HOME, T0.plusSeconds(3600), T0.plusSeconds(3601)));
        store.put(BOB, record("REFUSED", "bob", HOME, T0.plusSeconds(60), T0.plusSeconds(65)));
        store.put(ALICE_FIRST, record("DELETED", "alice", HOME, T0, T0.plusSeconds(40)));
        store.put(ALICE_ELSEWHERE, record("DRY_RUN", "alice", OTHER, T0.plusSeconds(120), T0.plusSeconds(130)));
    }

    static byte[] record(String outcome, String user, String account, Instant started, Instant updated) {
        return ("{\"outcome\":\"" + outcome + "\",\"userName\":\"" + user + "\",\"accountId\":\"" + account
                + "\",\"executionId\":\"x\",\"startedAt\":\"" + started + "\",\"updatedAt\":\"" + updated + "\"}")
                .getBytes(UTF_8);
    }

    static S3Client clientOf(URI endpoint) {
        return S3RecordStore.clientBuilder(java.util.Map.of()).endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        S3TestServer.ACCESS_KEY_ID, S3TestServer.SECRET_ACCESS_KEY)))
                .build();
    }

    private static List<String> lines(String out) {
        return out.lines().toList();
    }

    private static List<String> keysIn(String out) {
        return lines(out).stream().map(line -> line.split(" +")[0]).toList();
    }

    private static void assertNoCredentialIn(CommandRun run) {
        String printed = run.out() + run.err();
        assertFalse(printed.contains(S3TestServer.SECRET_ACCESS_KEY), printed);
        assertFalse(printed.contains(S3TestServer.ACCESS_KEY_ID), printed);
    }

    @Nested
    class InAFolder {
        @TempDir
        Path folder;

        private CommandRun offboard(String... args) {
            return CommandRun.records(new RecordsCommand(), args);
        }

        @BeforeEach
        void records() {
            fill(new DirectoryRecordStore(folder));
        }

        @Test
        void listPrintsOneLinePerRecordNewestLastWithItsOutcomeUserAccountAndTimes() {
            CommandRun run = offboard("records", "list", "--records", folder.toString());

            assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.err());
            assertEquals(List.of(ALICE_FIRST, BOB, ALICE_ELSEWHERE, ALICE_AGAIN), keysIn(run.out()));
            assertEquals(List.of(ALICE_FIRST, "DELETED", "alice", HOME, "2026-12-02T01:30:00Z",
                    "2026-12-02T01:30:40Z"), List.of(lines(run.out()).get(0).split(" +")));
            assertEquals(List.of(ALICE_AGAIN, "IN_PROGRESS", "alice", HOME, "2026-12-02T02:30:00Z",
                    "2026-12-02T02:30:01Z"), List.of(lines(run.out()).get(3).split(" +")));
        }

        @Test
        void accountAndUserListThatOnePrefix() {
            CommandRun run = offboard("records", "list", "--records", folder.toString(), "--account", HOME,
                    "--user", "alice");

            assertEquals(List.of(ALICE_FIRST, ALICE_AGAIN), keysIn(run.out()));
        }

        @Test
        void anAccountAloneListsEveryRecordThere() {
            CommandRun run = offboard("records", "list", "--records", folder.toString(), "--account", HOME);

            assertEquals(List.of(ALICE_FIRST, BOB, ALICE_AGAIN), keysIn(run.out()));
        }

        @Test
        void aUserAloneListsThatUsersRecordsInEveryAccount() {
            CommandRun run = offboard("records", "list", "--records", folder.toString(), "--user", "alice");

            assertEquals(List.of(ALICE_FIRST, ALICE_ELSEWHERE, ALICE_AGAIN), keysIn(run.out()));
        }

        @Test
        void listAsJsonIsAnArrayOfTheSameFields() throws IOException {
            CommandRun run = offboard("records", "list", "--records", folder.toString(), "--account", HOME,
                    "--user", "alice", "--json");

            JsonNode listed = JSON.readTree(run.out());
            assertEquals(2, listed.size(), run.out());
            JsonNode first = listed.get(0);
            assertEquals(ALICE_FIRST, first.path("key").asText());
            assertEquals(folder.resolve(ALICE_FIRST).toString(), first.path("location").asText());
            assertEquals("DELETED", first.path("outcome").asText());
            assertEquals("alice", first.path("userName").asText());
            assertEquals(HOME, first.path("accountId").asText());
            assertEquals("2026-12-02T01:30:00Z", first.path("startedAt").asText());
            assertEquals("2026-12-02T01:30:40Z", first.path("updatedAt").asText());
        }

        @Test
        void aRecordThatIsNoJsonIsListedAsSuch() throws IOException {
            Path broken = folder.resolve(RecordKeys.key(HOME, "carol", T0.plusSeconds(7200), "broken"));
            Files.createDirectories(broken.getParent());
            Files.writeString(broken, "not json");

            CommandRun run = offboard("records", "list", "--records", folder.toString(), "--user", "carol");

            assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.err());
            assertEquals(List.of(folder.relativize(broken).toString(), "(not", "JSON)", "-", "-", "-", "-"),
                    List.of(run.out().strip().split(" +")));
        }

        @Test
        void anEmptyFolderHasNoRecordsAndSaysSo() {
            CommandRun run = offboard("records", "list", "--records", folder.resolve("none").toString());

            assertEquals(ExitCode.SUCCEEDED, run.exitCode());
            assertEquals("", run.out());
            assertEquals("No records at " + folder.resolve("none") + ".", run.err().strip());
        }

        @Test
        void showPrintsWhereTheRecordIsItsOutcomeAndTheRecord() throws IOException {
            CommandRun run = offboard("records", "show", ALICE_FIRST, "--records", folder.toString());

            assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.err());
            List<String> lines = lines(run.out());
            assertEquals("Record " + ALICE_FIRST, lines.get(0));
            assertEquals("  at " + folder.resolve(ALICE_FIRST), lines.get(1));
            assertEquals("  DELETED: alice in account " + HOME + ", started 2026-12-02T01:30:00Z, updated"
                    + " 2026-12-02T01:30:40Z", lines.get(2));
            assertEquals(JSON.readTree(record("DELETED", "alice", HOME, T0, T0.plusSeconds(40))),
                    JSON.readTree(String.join("\n", lines.subList(3, lines.size()))));
        }

        @Test
        void showAsJsonPrintsTheRecordExactlyAsStored() {
            CommandRun run = offboard("records", "show", ALICE_FIRST, "--records", folder.toString(), "--json");

            assertEquals(new String(record("DELETED", "alice", HOME, T0, T0.plusSeconds(40)), UTF_8) + "\n",
                    run.out());
        }

        @Test
        void showingAKeyWithNoRecordIsExitCodeOneNamingWhereItLooked() {
            String missing = RecordKeys.key(HOME, "alice", T0.plusSeconds(5), "never");

            CommandRun run = offboard("records", "show", missing, "--records", folder.toString());

            assertEquals(ExitCode.NO_SUCH_RECORD, run.exitCode());
            assertEquals("offboard records show: no record " + missing + " at " + folder.resolve(missing),
                    run.err().strip());
        }

        @Test
        void theDefaultLocationIsTheFolderOffboardingRecordsOfTheCurrentDirectory() {
            RecordsLocation location = new RecordsLocation();

            DirectoryRecordStore store = (DirectoryRecordStore) location.open(null);

            assertEquals(Path.of("").toAbsolutePath().resolve("offboarding-records"), store.root());
        }
    }

    @Nested
    class BadFlags {
        private CommandRun offboard(String... args) {
            return CommandRun.records(new RecordsCommand(() -> {
                throw new AssertionError("no S3 client is made for a bad flag");
            }), args);
        }

        private void assertUsageError(CommandRun run, String flag) {
            assertEquals(ExitCode.USAGE, run.exitCode(), run.out() + run.err());
            assertTrue(run.err().contains(flag), "names " + flag + ": " + run.err());
            assertFalse(run.err().contains("\tat "), run.err());
        }

        @Test
        void anAccountThatIsNotTwelveDigits() {
            assertUsageError(offboard("records", "list", "--account", "12345"), "--account: accountId must be 12"
                    + " digits, not 12345");
        }

        @Test
        void aUserNameThatCannotBeInAKey() {
            assertUsageError(offboard("records", "list", "--user", "a/b"), "--user: userName cannot be part of a"
                    + " record key: a/b");
        }

        @Test
        void aMalformedS3Location() {
            assertUsageError(offboard("records", "list", "--records", "s3://Not_A_Bucket/records"),
                    "offboard records list: --records: not an S3 location: s3://Not_A_Bucket/records (expected"
                            + " s3://bucket[/prefix])");
            assertUsageError(offboard("records", "show", ALICE_FIRST, "--records", "s3:/bucket"), "--records");
        }

        @Test
        void aKeyThatIsNoKey() {
            assertUsageError(offboard("records", "show", "../../etc/passwd", "--records", "s3://records-bucket"),
                    "KEY: not a record key: ../../etc/passwd");
        }

        @Test
        void anUnknownFlag() {
            assertUsageError(offboard("records", "list", "--usr", "alice"), "--usr");
        }

        @Test
        void showWithoutAKey() {
            assertUsageError(offboard("records", "show"), "KEY");
        }
    }

    @Nested
    class InS3 {
        private final S3TestServer server = S3TestServer.shared();
        private final S3Client s3 = clientOf(server.endpoint());
        private String bucket;

        @AfterEach
        void close() {
            s3.close();
        }

        @BeforeEach
        void records() {
            bucket = server.createBucket("cli-records");
            fill(new S3RecordStore(s3, bucket, "records/"));
        }

        private CommandRun offboard(String... args) {
            return CommandRun.records(new RecordsCommand(() -> s3), args);
        }

        @Test
        void listReadsTheBucketsRecordsUnderThePrefix() {
            CommandRun run = offboard("records", "list", "--records", "s3://" + bucket + "/records", "--account",
                    HOME, "--user", "alice");

            assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.err());
            assertEquals(List.of(ALICE_FIRST, ALICE_AGAIN), keysIn(run.out()));
            assertEquals("DELETED", lines(run.out()).get(0).split(" +")[1]);
        }

        @Test
        void listAsJsonNamesEachRecordsS3Location() throws IOException {
            CommandRun run = offboard("records", "list", "--records", "s3://" + bucket + "/records", "--user", "bob",
                    "--json");

            JsonNode listed = JSON.readTree(run.out());
            assertEquals(1, listed.size(), run.out());
            assertEquals("s3://" + bucket + "/records/" + BOB, listed.get(0).path("location").asText());
            assertEquals("REFUSED", listed.get(0).path("outcome").asText());
        }

        @Test
        void showReadsOneRecord() {
            CommandRun run = offboard("records", "show", ALICE_ELSEWHERE, "--records", "s3://" + bucket + "/records",
                    "--json");

            assertEquals(new String(record("DRY_RUN", "alice", OTHER, T0.plusSeconds(120), T0.plusSeconds(130)),
                    UTF_8) + "\n", run.out());
        }

        @Test
        void showingAKeyWithNoObjectIsExitCodeOneNamingItsS3Location() {
            String missing = RecordKeys.key(HOME, "alice", T0.plusSeconds(5), "never");

            CommandRun run = offboard("records", "show", missing, "--records", "s3://" + bucket + "/records");

            assertEquals(ExitCode.NO_SUCH_RECORD, run.exitCode());
            assertEquals("offboard records show: no record " + missing + " at s3://" + bucket + "/records/"
                    + missing, run.err().strip());
        }

        @Test
        void aBucketThatDoesNotExistIsExitCodeThreeNamingTheLocation() {
            CommandRun run = offboard("records", "list", "--records", "s3://no-such-bucket-here/records");

            assertEquals(ExitCode.CANNOT_RUN, run.exitCode(), run.out() + run.err());
            assertTrue(run.err().startsWith("offboard: s3:ListObjectsV2 of s3://no-such-bucket-here/records/ failed"
                    + " with NoSuchBucket (404)"), run.err());
            assertNoCredentialIn(run);
        }

        @Test
        void aRefusingS3IsExitCodeThreeSayingWhatItAnsweredAndWhatToCheck() {
            try (CannedS3Server refusing = CannedS3Server.refusing(403, "AccessDenied", "Access Denied");
                 S3Client client = clientOf(refusing.endpoint())) {
                CommandRun run = CommandRun.records(new RecordsCommand(() -> client), "records", "show", BOB,
                        "--records", "s3://records-bucket/records");

                assertEquals(ExitCode.CANNOT_RUN, run.exitCode(), run.out() + run.err());
                assertEquals("offboard: s3:GetObject of s3://records-bucket/records/" + BOB + " failed with"
                        + " AccessDenied (403): Access Denied; check that the caller may s3:GetObject on"
                        + " arn:aws:s3:::records-bucket/records/* (S3 answers a key that does not exist with 403"
                        + " AccessDenied, not 404, to a caller that may not s3:ListBucket on"
                        + " arn:aws:s3:::records-bucket)", run.err().strip());
                assertNoCredentialIn(run);
            }
        }
    }
}
