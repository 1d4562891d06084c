package dev.offboarding.records;

import dev.offboarding.errors.InvalidConfigurationException;
import dev.offboarding.errors.RecordStoreUnavailableException;
import dev.offboarding.iam.IamClients;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Records as objects of one S3 bucket under a key prefix, through PutObject, GetObject and ListObjectsV2 only (the
 * template grants the writer nothing else). Region, credentials and endpoint come from the standard SDK
 * configuration (AWS_REGION, the default credentials chain, AWS_ENDPOINT_URL_S3). Every failure of S3 is a
 * {@link RecordStoreUnavailableException} saying which call, where, what S3 answered and what to check.
 */
public final class S3RecordStore implements RecordStore {
    /** The function environment's bucket and key prefix (the template sets both). */
    public static final String BUCKET_VARIABLE = "RECORDS_BUCKET";
    public static final String PREFIX_VARIABLE = "RECORDS_PREFIX";
    /** The key prefix when RECORDS_PREFIX is not set. */
    public static final String DEFAULT_PREFIX = "records/";
    /** As large a page as S3 gives. */
    static final int MAX_KEYS_PER_PAGE = 1000;
    static final int MAX_PAGES = 100;

    private final Supplier<S3Client> s3;
    private final S3Location location;
    private final int keysPerPage;
    private final int maxPages;

    /** The store over {@code s3} (which the caller closes), in {@code bucket} under {@code prefix}. */
    public S3RecordStore(S3Client s3, String bucket, String prefix) {
        this(s3, new S3Location(bucket, prefix));
    }

    /** The store over {@code s3} (which the caller closes) at {@code location}. */
    public S3RecordStore(S3Client s3, S3Location location) {
        this(() -> s3, location, MAX_KEYS_PER_PAGE, MAX_PAGES);
    }

    /** {@code keysPerPage} and {@code maxPages}: smaller bounds than S3's, for tests of the paging. */
    S3RecordStore(Supplier<S3Client> s3, S3Location location, int keysPerPage, int maxPages) {
        this.s3 = s3;
        this.location = location;
        this.keysPerPage = keysPerPage;
        this.maxPages = maxPages;
    }

    /**
     * The store at {@code location}, over a client of the standard SDK configuration that is built on the first
     * call (so that building the store costs nothing, and a missing region or credentials is a failure of that
     * call, naming the location).
     */
    public static S3RecordStore at(S3Location location) {
        return at(location, () -> clientBuilder(System.getenv()).build());
    }

    /** The store at {@code location} over the client {@code s3} gives on the store's first call. */
    static S3RecordStore at(S3Location location, Supplier<S3Client> s3) {
        return new S3RecordStore(new Once<>(s3), location, MAX_KEYS_PER_PAGE, MAX_PAGES);
    }

    /** The store the function environment names: RECORDS_BUCKET, and RECORDS_PREFIX (default "records/"). */
    public static S3RecordStore fromEnvironment() {
        return at(locationIn(System.getenv()));
    }

    static S3Location locationIn(Map<String, String> env) {
        String bucket = env.get(BUCKET_VARIABLE);
        if (bucket == null || bucket.isBlank()) {
            throw new InvalidConfigurationException(BUCKET_VARIABLE + " is not set: it names the bucket the"
                    + " offboarding records are kept in (the template's RecordsBucket)");
        }
        String prefix = env.getOrDefault(PREFIX_VARIABLE, DEFAULT_PREFIX);
        try {
            return new S3Location(bucket, prefix);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(BUCKET_VARIABLE + " and " + PREFIX_VARIABLE + " do not name a place"
                    + " in S3: " + e.getMessage());
        }
    }

    /**
     * The builder of the store's client: url-connection-client, and in Lambda the function's credentials straight
     * from its environment (as the IAM client's). Region and endpoint are left to the SDK's default providers.
     */
    public static S3ClientBuilder clientBuilder(Map<String, String> env) {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(IamClients.credentialsFor(env));
    }

    public S3Location location() {
        return location;
    }

    @Override
    public void put(String key, byte[] json) {
        String objectKey = location.objectKey(RecordKeys.checked(key));
        try {
            s3.get().putObject(r -> r.bucket(location.bucket()).key(objectKey).contentType("application/json"),
                    RequestBody.fromBytes(json));
        } catch (SdkException e) {
            throw S3Failures.of("PutObject", location, key, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        String objectKey = location.objectKey(RecordKeys.checked(key));
        try {
            return Optional.of(s3.get().getObjectAsBytes(r -> r.bucket(location.bucket()).key(objectKey))
                    .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw S3Failures.of("GetObject", location, key, e);
        }
    }

    /**
     * Every key under {@code prefix}, in ascending order, read page by page as the SDK's paginator asks for them. A
     * page that says it is truncated but gives no continuation token ends the list (asking on would start it again);
     * a list longer than {@link #MAX_PAGES} pages is refused.
     */
    @Override
    public List<String> keys(String prefix) {
        RecordKeys.checkedPrefix(prefix);
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(location.bucket())
                .prefix(location.objectKey(prefix)).maxKeys(keysPerPage).build();
        List<String> keys = new ArrayList<>();
        try {
            Iterator<ListObjectsV2Response> pages = s3.get().listObjectsV2Paginator(request).iterator();
            for (int read = 1; read <= maxPages && pages.hasNext(); read++) {
                ListObjectsV2Response page = pages.next();
                for (S3Object object : page.contents()) {
                    keys.add(object.key().substring(location.prefix().length()));
                }
                if (!Boolean.TRUE.equals(page.isTruncated()) || page.nextContinuationToken() == null
                        || page.nextContinuationToken().isEmpty()) {
                    return sorted(keys);
                }
                if (read == maxPages) {
                    throw new RecordStoreUnavailableException("s3:ListObjectsV2 of " + location.describe(prefix)
                            + " has more than " + maxPages + " pages of " + keysPerPage + " keys; refusing to read on"
                            + " (list one account's or one user's records instead)");
                }
            }
        } catch (SdkException e) {
            throw S3Failures.of("ListObjectsV2", location, prefix, e);
        }
        return sorted(keys);
    }

    @Override
    public String describe(String key) {
        return location.describe(key);
    }

    /** The store's bucket, and the object key of {@code key} there (the store's prefix followed by the key). */
    @Override
    public BucketKey bucketKey(String key) {
        return new BucketKey(location.bucket(), location.objectKey(RecordKeys.checkedPrefix(key)));
    }

    /** S3 lists a general purpose bucket's keys in ascending order already; this makes it so for any server. */
    private static List<String> sorted(List<String> keys) {
        keys.sort(null);
        return List.copyOf(keys);
    }

    /** A value made on first use, then kept. */
    private static final class Once<T> implements Supplier<T> {
        private final Supplier<T> make;
        private volatile T value;

        Once(Supplier<T> make) {
            this.make = make;
        }

        @Override
        public T get() {
            T made = value;
            if (made == null) {
                synchronized (this) {
                    made = value;
                    if (made == null) {
                        made = make.get();
                        value = made;
                    }
                }
            }
            return made;
        }
    }
}
