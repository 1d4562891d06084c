package dev.offboarding.simulator;

import java.util.Optional;
import java.util.regex.Pattern;

/** AWS's constraints on the identifiers requests carry (from the IAM API reference). */
enum InputRule {
    USER_NAME("userName", "[\\w+=,.@-]+", 1, 64),
    GROUP_NAME("groupName", "[\\w+=,.@-]+", 1, 128),
    ROLE_NAME("roleName", "[\\w+=,.@-]+", 1, 64),
    POLICY_NAME("policyName", "[\\w+=,.@-]+", 1, 128),
    POLICY_ARN("policyArn", null, 20, 2048),
    PERMISSIONS_BOUNDARY("permissionsBoundary", null, 20, 2048),
    PATH("path", "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)", 1, 512),
    PATH_PREFIX("pathPrefix", "\\u002F[\\u0021-\\u007F]*", 1, 512),
    ACCESS_KEY_ID("accessKeyId", "[\\w]+", 16, 128),
    CERTIFICATE_ID("certificateId", "[\\w]+", 24, 128),
    SSH_PUBLIC_KEY_ID("sSHPublicKeyId", "[\\w]+", 20, 128),
    SERVICE_SPECIFIC_CREDENTIAL_ID("serviceSpecificCredentialId", "[\\w]+", 20, 128),
    SERIAL_NUMBER("serialNumber", "[\\w+=/:,.@-]+", 9, 256),
    VIRTUAL_MFA_DEVICE_NAME("virtualMFADeviceName", "[\\w+=,.@-]+", 1, 226),
    AUTHENTICATION_CODE("authenticationCode", "[\\d]+", 6, 6),
    SERVICE_NAME("serviceName", null, 1, 256),
    TAG_KEY("tags.member.key", "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+", 1, 128),
    TAG_VALUE("tags.member.value", "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*", 0, 256);

    private final String field;
    private final Pattern pattern;
    private final int minLength;
    private final int maxLength;

    InputRule(String field, String regex, int minLength, int maxLength) {
        this.field = field;
        this.pattern = regex == null ? null : Pattern.compile(regex);
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    String field() {
        return field;
    }

    /** What is wrong with {@code value}, worded as AWS words it; empty when the value is acceptable. */
    Optional<String> problemWith(String value) {
        return violatedConstraint(value).map(constraint -> "1 validation error detected: Value "
                + (value == null ? "null" : "'" + value + "'") + " at '" + field
                + "' failed to satisfy constraint: Member " + constraint);
    }

    /** The constraint {@code value} breaks, e.g. {@code must have length less than or equal to 64}. */
    Optional<String> violatedConstraint(String value) {
        if (value == null) {
            return Optional.of("must not be null");
        }
        if (value.length() < minLength) {
            return Optional.of("must have length greater than or equal to " + minLength);
        }
        if (value.length() > maxLength) {
            return Optional.of("must have length less than or equal to " + maxLength);
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            return Optional.of("must satisfy regular expression pattern: " + pattern.pattern());
        }
        return Optional.empty();
    }
}
