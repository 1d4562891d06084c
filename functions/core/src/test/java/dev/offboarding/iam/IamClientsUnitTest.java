package dev.offboarding.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
