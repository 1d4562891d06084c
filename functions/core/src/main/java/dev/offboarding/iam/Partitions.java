package dev.offboarding.iam;

import java.util.Map;
import software.amazon.awssdk.regions.GeneratedPartitionMetadataProvider;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.PartitionMetadataProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The ARN partition ("aws", "aws-cn", "aws-us-gov", the ISO partitions) of the region the function runs in
 * (AWS_REGION, set by Lambda), and that partition's global region, where IAM is signed. Both come from the SDK's own
 * partition metadata, so a new region or partition is known as soon as the SDK knows it.
 *
 * <p>The partition table is read directly, not through {@code PartitionMetadata.of}: that goes through the SDK's
 * metadata loader, which also builds the metadata of every AWS service (over 300 classes) at each cold start.
 */
public final class Partitions {
    private static final String DEFAULT = "aws";
    private static final PartitionMetadataProvider PARTITIONS = new GeneratedPartitionMetadataProvider();

    private Partitions() {
    }

    public static String fromEnvironment(Map<String, String> env) {
        return of(regionOf(env));
    }

    public static String of(String region) {
        if (region == null || region.isBlank()) {
            return DEFAULT;
        }
        PartitionMetadata partition = PARTITIONS.partitionMetadata(Region.of(region.strip()));
        return partition == null ? DEFAULT : partition.id();
    }

    /** IAM's global region in the function's partition: aws-global, aws-cn-global, aws-us-gov-global, ... */
    public static Region globalRegionFor(Map<String, String> env) {
        return Region.of(fromEnvironment(env) + "-global");
    }

    private static String regionOf(Map<String, String> env) {
        return env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", ""));
    }
}
