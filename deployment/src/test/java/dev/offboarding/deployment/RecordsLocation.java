package dev.offboarding.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Where the functions that write records write them, as each one's environment tells it: the bucket (a resource of
 * the template, {@code RECORDS_BUCKET: !Ref <bucket>}) and the key prefix ({@code RECORDS_PREFIX}). Both writers,
 * record-outcome (an offboarding's record) and reinstate-user (a reinstate's, which reads the offboarding's), must name
 * the same place.
 */
record RecordsLocation(String bucketId, String prefix) {
    /** The functions that read and write the records: exactly these two. */
    static final List<String> WRITERS = List.of("RecordOutcomeFunction", "ReinstateUserFunction");
    static final String FUNCTION = WRITERS.get(0);

    /** The place record-outcome writes to; every other writer must write to the same one. */
    static RecordsLocation of(Template deployed) {
        RecordsLocation location = of(deployed, FUNCTION);
        for (String writer : WRITERS) {
            RecordsLocation its = of(deployed, writer);
            if (!its.equals(location)) {
                throw new AssertionError(writer + " keeps its records at " + its + ", " + FUNCTION + " at " + location
                        + ": a reinstate must read the offboardings' records where they are written");
            }
        }
        return location;
    }

    static RecordsLocation of(Template deployed, String function) {
        JsonNode variables = deployed.functions().get(function).path("Properties").path("Environment")
                .path("Variables");
        String bucket = variables.path("RECORDS_BUCKET").path("Ref").asText();
        if (!deployed.resources("AWS::S3::Bucket").containsKey(bucket)) {
            throw new AssertionError(function + "'s RECORDS_BUCKET is not !Ref of a bucket of the template: "
                    + variables.path("RECORDS_BUCKET"));
        }
        String prefix = variables.path("RECORDS_PREFIX").asText();
        if (prefix.isEmpty() || !prefix.endsWith("/") || prefix.contains("*")) {
            throw new AssertionError(function + "'s RECORDS_PREFIX must be a folder such as records/: \"" + prefix + "\"");
        }
        return new RecordsLocation(bucket, prefix);
    }

    /** The bucket's ARN as the deployed template spells it inside a string ({@code ${RecordsBucket}} is its name). */
    String bucketArn() {
        return "arn:aws:s3:::${" + bucketId + "}";
    }

    /** The ARN of an object of the bucket, by its whole key. */
    String objectArn(String key) {
        return bucketArn() + "/" + key;
    }

    JsonNode bucket(Template deployed) {
        return deployed.resources("AWS::S3::Bucket").get(bucketId);
    }
}
