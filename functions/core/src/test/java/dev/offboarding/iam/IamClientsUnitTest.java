package dev.offboarding.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.endpoints.IamEndpointParams;
import software.amazon.awssdk.services.iam.endpoints.IamEndpointProvider;

/** IAM is global per partition: the client is signed for the global region of the partition the function runs in. */
class IamClientsUnitTest {

    @ParameterizedTest(name = "AWS_REGION={0} -> {1}")
    @CsvSource({
        "us-east-1, aws-global, iam.amazonaws.com",
        "eu-west-1, aws-global, iam.amazonaws.com",
        "ap-southeast-2, aws-global, iam.amazonaws.com",
        "cn-north-1, aws-cn-global, iam.cn-north-1.amazonaws.com.cn",
        "cn-northwest-1, aws-cn-global, iam.cn-north-1.amazonaws.com.cn",
        "us-gov-west-1, aws-us-gov-global, iam.us-gov.amazonaws.com",
        "us-gov-east-1, aws-us-gov-global, iam.us-gov.amazonaws.com",
        "us-iso-east-1, aws-iso-global, iam.us-iso-east-1.c2s.ic.gov",
        "us-iso-west-1, aws-iso-global, iam.us-iso-east-1.c2s.ic.gov",
        "us-isob-east-1, aws-iso-b-global, iam.us-isob-east-1.sc2s.sgov.gov",
        "us-isof-south-1, aws-iso-f-global, iam.us-isof-south-1.csp.hci.ic.gov",
        "us-isof-east-1, aws-iso-f-global, iam.us-isof-south-1.csp.hci.ic.gov",
        "eu-isoe-west-1, aws-iso-e-global, iam.eu-isoe-west-1.cloud.adc-e.uk",
    })
    void theClientIsSignedForItsPartitionsGlobalRegionAndReachesThatPartitionsIam(String awsRegion,
                                                                                   String globalRegion,
                                                                                   String iamHost) {
        Region region = Partitions.globalRegionFor(Map.of("AWS_REGION", awsRegion));

        assertEquals(Region.of(globalRegion), region);
        String endpoint = IamEndpointProvider.defaultProvider()
                .resolveEndpoint(IamEndpointParams.builder().region(region).build()).join().url().getHost();
        assertEquals(iamHost, endpoint, "the SDK's own endpoint rules for the chosen region");
    }

    /** IAM throttles with account-wide token buckets: each function's client retries with the SDK's STANDARD strategy. */
    @Test
    void theClientRetriesWithTheStandardStrategyWhateverTheSdksDefaultMode() {
        try (var iam = IamClients.builder(Map.of("AWS_REGION", "us-east-1"), IamClients.SdkRetries.ON)
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b"))
                .build()) {
            var strategy = iam.serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow();
            assertEquals(software.amazon.awssdk.retries.StandardRetryStrategy.class.getSimpleName(),
                    strategy.getClass().getInterfaces()[0].getSimpleName());
            assertEquals(3, strategy.maxAttempts());
        }
        try (var iam = IamClients.builder(Map.of("AWS_REGION", "us-east-1"), IamClients.SdkRetries.OFF)
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b"))
                .build()) {
            assertEquals(1, iam.serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow()
                    .maxAttempts(), "no retries: each call is one request");
        }
    }

    @Test
    void awsDefaultRegionIsUsedWhenAwsRegionIsNotSet() {
        assertEquals(Region.AWS_CN_GLOBAL, Partitions.globalRegionFor(Map.of("AWS_DEFAULT_REGION", "cn-north-1")));
    }

    @Test
    void awsRegionWinsOverAwsDefaultRegion() {
        assertEquals(Region.AWS_US_GOV_GLOBAL, Partitions.globalRegionFor(
                Map.of("AWS_REGION", "us-gov-west-1", "AWS_DEFAULT_REGION", "us-east-1")));
    }

    @Test
    void aPartitionIsReadFromTheSdksMetadataNotFromARegionPrefixTable() {
        assertEquals("aws-eusc", Partitions.of("eusc-de-east-1"), "the European Sovereign Cloud is its own partition");
        assertEquals("aws", Partitions.of("ap-southeast-7"));
        assertEquals("aws-iso-b", Partitions.of("us-isob-east-1"));
    }

    @Test
    void withoutAnyRegionTheCommercialPartitionIsAssumed() {
        assertEquals(Region.AWS_GLOBAL, Partitions.globalRegionFor(Map.of()));
    }

    /**
     * The partition comes from the SDK's partition table alone. The SDK's metadata loader would also build the
     * metadata of every AWS service, over 300 classes loaded at each cold start for nothing.
     */
    @Test
    void findingThePartitionLoadsNoServiceMetadata() throws Exception {
        try (FreshClassLoader fresh = new FreshClassLoader()) {
            Class<?> partitions = fresh.loadClass(Partitions.class.getName());

            assertEquals("aws-cn", partitions.getMethod("of", String.class).invoke(null, "cn-north-1"));
            assertNull(fresh.loaded("software.amazon.awssdk.regions.GeneratedServiceMetadataProvider"));
        }
    }

    /** This test's class path in a loader of its own, so that what it loads is seen from a clean start. */
    private static final class FreshClassLoader extends URLClassLoader {
        FreshClassLoader() {
            super(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(entry -> {
                try {
                    return Path.of(entry).toUri().toURL();
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }).toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        }

        Class<?> loaded(String name) {
            return findLoadedClass(name);
        }
    }
}
