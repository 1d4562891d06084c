package dev.offboarding.records;

import java.util.regex.Pattern;

/**
 * A place in S3 for records: a bucket and a key prefix, empty or ending in '/'. Written {@code s3://bucket[/prefix]}.
 */
public record S3Location(String bucket, String prefix) {
    /** S3's rules for a general purpose bucket's name: 3 to 63 lowercase letters, digits, dots and hyphens. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    static final String FORM = "s3://bucket[/prefix]";

    public S3Location {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("not an S3 bucket name: " + RecordKeys.printable(bucket)
                    + " (3 to 63 lowercase letters, digits, dots and hyphens)");
        }
        prefix = normalized(prefix);
    }

    /** Whether {@code location} is meant as an S3 location (it starts with "s3:"), well formed or not. */
    static boolean isS3(String location) {
        return location.regionMatches(true, 0, "s3:", 0, 3);
    }

    /** {@code s3://bucket[/prefix]}; anything else is an IllegalArgumentException naming it and that form. */
    public static S3Location parse(String location) {
        if (location == null || !location.startsWith("s3://")) {
            throw new IllegalArgumentException("not an S3 location: " + RecordKeys.printable(location)
                    + " (expected " + FORM + ")");
        }
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        try {
            return new S3Location(bucket, prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an S3 location: " + RecordKeys.printable(location) + " (expected "
                    + FORM + "): " + e.getMessage(), e);
        }
    }

    /** {@code s3://bucket/prefix} followed by {@code key} (a key or key prefix relative to this location). */
    public String describe(String key) {
        return "s3://" + bucket + "/" + prefix + key;
    }

    @Override
    public String toString() {
        return describe("");
    }

    /** The object key in the bucket of {@code key}, a key relative to this location. */
    String objectKey(String key) {
        return prefix + key;
    }

    private static String normalized(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        String withSlash = prefix.endsWith("/") ? prefix : prefix + "/";
        try {
            return RecordKeys.checkedPrefix(withSlash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a key prefix: " + RecordKeys.printable(prefix)
                    + " (no leading '/', no \"..\", \"//\", '\\\\' or control character)", e);
        }
    }
}
