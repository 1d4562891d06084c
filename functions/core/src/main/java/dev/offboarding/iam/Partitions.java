package dev.offboarding.iam;

import java.util.Map;

/** The ARN partition ("aws", "aws-cn", ...) of the region the function runs in (AWS_REGION, set by Lambda). */
public final class Partitions {
    private Partitions() {
    }

    public static String fromEnvironment(Map<String, String> env) {
        return of(env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "")));
    }

    public static String of(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("us-isof-")) {
            return "aws-iso-f";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
        }
        if (region.startsWith("eu-isoe-")) {
            return "aws-iso-e";
        }
        return "aws";
    }
}
