package dev.offboarding.deployment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where the record function writes the records, as its environment tells it: the bucket (a resource of the
 * template, {@code RECORDS_BUCKET: !Ref <bucket>}) and the key prefix ({@code RECORDS_PREFIX}).
 */
record RecordsLocation(String bucketId, String prefix) {
    static final String FUNCTION = "RecordOutcomeFunction";

    static RecordsLocation of(Template deployed) {
        JsonNode variables = deployed.functions().get(FUNCTION).path("Properties").path("Environment")
                .path("Variables");
        String bucket = variables.path("RECORDS_BUCKET").path("Ref").asText();
        if (!deployed.resources("AWS::S3::Bucket").containsKey(bucket)) {
            throw new AssertionError(FUNCTION + "'s RECORDS_BUCKET is not !Ref of a bucket of the template: "
                    + variables.path("RECORDS_BUCKET"));
        }
        String prefix = variables.path("RECORDS_PREFIX").asText();
        if (prefix.isEmpty() || !prefix.endsWith("/") || prefix.contains("*")) {
            throw new AssertionError(FUNCTION + "'s RECORDS_PREFIX must be a folder such as records/: \"" + prefix + "\"");
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
