package dev.offboarding.records;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.errors.RecordStoreUnavailableException;
import dev.offboarding.s3testserver.CannedS3Server;
import dev.offboarding.s3testserver.S3TestServer;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The store through the real SDK client (as the product builds it: url-connection-client, the SDK's default
 * checksums and signing) against a real S3-compatible server: what it writes, reads and lists, page by page, and
 * what it says when S3 refuses.
 */
class S3RecordStoreTest {
    private static final String ACCOUNT = "123456789012";
    private static final Instant FIRST = Instant.parse("2026-12-02T01:30:00Z");
    private static S3TestServer server;
    private static S3Client s3;
    private static final AtomicInteger LIST_CALLS = new AtomicInteger();

    private String bucket;
    private S3RecordStore store;

    @BeforeAll
    static void client() {
        server = S3TestServer.shared();
        s3 = clientOf(server.endpoint());
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @BeforeEach
    void bucket() {
        bucket = server.createBucket("records");
        store = new S3RecordStore(s3, bucket, "records/");
        LIST_CALLS.set(0);
    }

    /** The product's client, pointed at {@code endpoint} with the test credentials, counting ListObjectsV2 calls. */
    static S3Client clientOf(URI endpoint) {
        return S3RecordStore.clientBuilder(java.util.Map.of()).endpointOverride(endpoint)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                S3TestServer.ACCESS_KEY_ID, S3TestServer.SECRET_ACCESS_KEY)))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if ("ListObjectsV2".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                            LIST_CALLS.incrementAndGet();
                        }
                    }
                }))
                .build();
    }

    private static String key(String user, int minutesLater) {
        return RecordKeys.key(ACCOUNT, user, FIRST.plusSeconds(60L * minutesLater), "exec-" + minutesLater);
    }

    @Test
    void aRecordIsWrittenUnderTheStoresPrefixAsJsonAndReadBackAsItWasWritten() {
        String key = key("alice", 0);

        store.put(key, "{\"outcome\":\"IN_PROGRESS\"}".getBytes(UTF_8));

        assertEquals("{\"outcome\":\"IN_PROGRESS\"}", new String(store.get(key).orElseThrow(), UTF_8));
        GetObjectResponse object = s3.getObject(r -> r.bucket(bucket).key("records/" + key)).response();
        assertEquals("application/json", object.contentType());
        assertEquals("s3://" + bucket + "/records/" + key, store.describe(key));
    }

    @Test
    void rewritingARecordReplacesIt() {
        String key = key("alice", 0);
        store.put(key, "{\"outcome\":\"IN_PROGRESS\"}".getBytes(UTF_8));

        store.put(key, "{\"outcome\":\"DELETED\"}".getBytes(UTF_8));

        assertEquals("{\"outcome\":\"DELETED\"}", new String(store.get(key).orElseThrow(), UTF_8));
        assertEquals(List.of(key), store.keys(""));
    }

    @Test
    void aKeyNeverWrittenIsNoRecordNotAFailure() {
        assertEquals(Optional.empty(), store.get(key("nobody", 0)));
    }

    @Test
    void keysAreListedInStartOrderWhateverTheOrderTheyWereWrittenIn() {
        List<String> written = List.of(key("alice", 30), key("alice", 0), key("alice", 600), key("alice", 5));
        written.forEach(key -> store.put(key, "{}".getBytes(UTF_8)));

        assertEquals(List.of(key("alice", 0), key("alice", 5), key("alice", 30), key("alice", 600)),
                store.keys(RecordKeys.userPrefix(ACCOUNT, "alice")));
    }

    @Test
    void aUsersPrefixListsThatUsersRecordsOnlyAndAnAccountsPrefixEveryUserThere() {
        store.put(key("alice", 0), "{}".getBytes(UTF_8));
        store.put(key("alice_2", 1), "{}".getBytes(UTF_8));
        store.put(key("bob", 2), "{}".getBytes(UTF_8));
        store.put(RecordKeys.key("210987654321", "alice", FIRST, "elsewhere"), "{}".getBytes(UTF_8));

        assertEquals(List.of(key("alice", 0)), store.keys(RecordKeys.userPrefix(ACCOUNT, "alice")));
        assertEquals(List.of(key("alice", 0), key("alice_2", 1), key("bob", 2)),
                store.keys(RecordKeys.accountPrefix(ACCOUNT)));
        assertEquals(4, store.keys("").size());
    }

    @Test
    void objectsOutsideTheStoresPrefixAreNotItsRecords() {
        store.put(key("alice", 0), "{}".getBytes(UTF_8));
        new S3RecordStore(s3, bucket, "other").put(key("alice", 1), "{}".getBytes(UTF_8));
        new S3RecordStore(s3, bucket, "").put("loose.json", "{}".getBytes(UTF_8));

        assertEquals(List.of(key("alice", 0)), store.keys(""));
        assertEquals(List.of(key("alice", 1)), new S3RecordStore(s3, bucket, "other/").keys(""));
    }

    @Test
    void aListingLongerThanAPageIsReadPageByPageWithItsContinuationTokens() {
        S3RecordStore twoPerPage = new S3RecordStore(() -> s3, new S3Location(bucket, "records/"), 2, 100);
        List<String> keys = List.of(key("alice", 0), key("alice", 1), key("alice", 2), key("alice", 3),
                key("alice", 4));
        keys.forEach(key -> twoPerPage.put(key, "{}".getBytes(UTF_8)));

        assertEquals(keys, twoPerPage.keys(""));
        assertEquals(3, LIST_CALLS.get(), "5 keys, 2 a page: 3 calls");
    }

    @Test
    void aListingLongerThanTheBoundIsRefusedNamingTheBound() {
        S3RecordStore boundedAtTwoPages = new S3RecordStore(() -> s3, new S3Location(bucket, "records/"), 2, 2);
        for (int i = 0; i < 5; i++) {
            boundedAtTwoPages.put(key("alice", i), "{}".getBytes(UTF_8));
        }

        RecordStoreUnavailableException refused = assertThrows(RecordStoreUnavailableException.class,
                () -> boundedAtTwoPages.keys(""));

        assertTrue(refused.getMessage().contains("s3:ListObjectsV2 of s3://" + bucket + "/records/ has more than 2"
                + " pages of 2 keys"), refused.getMessage());
        assertEquals(2, LIST_CALLS.get(), "it stopped at the bound");
    }

    @Test
    void theDefaultBoundIsAHundredPagesOfAThousandKeys() {
        assertEquals(1000, S3RecordStore.MAX_KEYS_PER_PAGE);
        assertEquals(100, S3RecordStore.MAX_PAGES);
    }

    @Test
    void aBucketThatDoesNotExistIsAFailureOfTheStoreSayingSo() {
        S3RecordStore nowhere = new S3RecordStore(s3, "no-such-records-bucket", "records/");
        String key = key("alice", 0);

        RecordStoreUnavailableException put = assertThrows(RecordStoreUnavailableException.class,
                () -> nowhere.put(key, "{}".getBytes(UTF_8)));
        RecordStoreUnavailableException list = assertThrows(RecordStoreUnavailableException.class,
                () -> nowhere.keys(""));

        assertEquals("s3:PutObject of s3://no-such-records-bucket/records/" + key + " failed with NoSuchBucket (404)"
                + ": The specified bucket does not exist; bucket no-such-records-bucket does not exist: check the"
                + " records location (RECORDS_BUCKET, --records) and the account the credentials are of",
                put.getMessage());
        assertTrue(list.getMessage().startsWith("s3:ListObjectsV2 of s3://no-such-records-bucket/records/ failed with"
                + " NoSuchBucket (404)"), list.getMessage());
        assertNoCredentialIn(put.getMessage());
        assertNoCredentialIn(list.getMessage());
    }

    @Test
    void aRefusalNamesTheCallTheLocationS3sErrorAndThePermissionToCheck() {
        try (CannedS3Server refusing = CannedS3Server.refusing(403, "AccessDenied", "Access Denied");
             S3Client client = clientOf(refusing.endpoint())) {
            S3RecordStore denied = new S3RecordStore(client, "records-bucket", "records/");
            String key = key("alice", 0);

            String put = assertThrows(RecordStoreUnavailableException.class,
                    () -> denied.put(key, "{}".getBytes(UTF_8))).getMessage();
            String get = assertThrows(RecordStoreUnavailableException.class, () -> denied.get(key)).getMessage();
            String list = assertThrows(RecordStoreUnavailableException.class, () -> denied.keys("")).getMessage();

            assertEquals("s3:PutObject of s3://records-bucket/records/" + key + " failed with AccessDenied (403):"
                    + " Access Denied; check that the caller may s3:PutObject on arn:aws:s3:::records-bucket/records/*"
                    + " (and use the bucket's KMS key, if it has one), and that no bucket policy or Object Lock"
                    + " setting refuses it", put);
            assertTrue(get.startsWith("s3:GetObject of s3://records-bucket/records/" + key + " failed with"
                    + " AccessDenied (403): Access Denied; check that the caller may s3:GetObject on"
                    + " arn:aws:s3:::records-bucket/records/*"), get);
            assertTrue(list.startsWith("s3:ListObjectsV2 of s3://records-bucket/records/ failed with AccessDenied"
                    + " (403): Access Denied; check that the caller may s3:ListBucket on arn:aws:s3:::records-bucket"),
                    list);
            List.of(put, get, list).forEach(S3RecordStoreTest::assertNoCredentialIn);
            // With an IP address for its endpoint, the SDK names the bucket in the path, not in the host name.
            assertTrue(refusing.requests().contains("GET /records-bucket/records/" + key), refusing.requests()
                    .toString());
        }
    }

    @Test
    void aServerThatCannotBeReachedIsAFailureOfTheStoreSayingWhatToCheck() throws Exception {
        URI nothingListens;
        try (CannedS3Server gone = CannedS3Server.refusing(500, "InternalError", "gone")) {
            nothingListens = gone.endpoint();
        }
        try (S3Client client = clientOf(nothingListens)) {
            S3RecordStore unreachable = new S3RecordStore(client, "records-bucket", "records/");

            String message = assertThrows(RecordStoreUnavailableException.class,
                    () -> unreachable.get(key("alice", 0))).getMessage();

            assertTrue(message.startsWith("s3:GetObject of s3://records-bucket/records/" + key("alice", 0)
                    + " could not be made: "), message);
            assertTrue(message.endsWith("; check the region, credentials and endpoint of the standard AWS SDK"
                    + " configuration (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL_S3)"), message);
            assertNoCredentialIn(message);
        }
    }

    @Test
    void aPageThatSaysItIsTruncatedButGivesNoContinuationTokenEndsTheListing() {
        String page = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>records-bucket</Name>"
                + "<Prefix>records/</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated>"
                + "<Contents><Key>records/" + key("alice", 0) + "</Key><Size>2</Size></Contents></ListBucketResult>";
        try (CannedS3Server truncated = CannedS3Server.answering(uri -> new CannedS3Server.Answer(200, page));
             S3Client client = clientOf(truncated.endpoint())) {
            S3RecordStore store = new S3RecordStore(client, "records-bucket", "records/");

            assertEquals(List.of(key("alice", 0)), store.keys(""));
            assertEquals(1, truncated.requests().size(), truncated.requests().toString());
        }
    }

    @Test
    void aPageThatSaysItIsNotTruncatedEndsTheListingEvenWithAContinuationToken() {
        String page = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>records-bucket</Name>"
                + "<Prefix>records/</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
                + "<NextContinuationToken>again</NextContinuationToken>"
                + "<Contents><Key>records/" + key("alice", 0) + "</Key><Size>2</Size></Contents></ListBucketResult>";
        try (CannedS3Server notTruncated = CannedS3Server.answering(uri -> new CannedS3Server.Answer(200, page));
             S3Client client = clientOf(notTruncated.endpoint())) {
            S3RecordStore store = new S3RecordStore(client, "records-bucket", "records/");

            assertEquals(List.of(key("alice", 0)), store.keys(""));
            assertEquals(1, notTruncated.requests().size(), notTruncated.requests().toString());
        }
    }

    private static void assertNoCredentialIn(String message) {
        assertFalse(message.contains(S3TestServer.SECRET_ACCESS_KEY), message);
        assertFalse(message.contains(S3TestServer.ACCESS_KEY_ID), message);
        assertFalse(message.contains("Signature="), message);
    }
}
