package dev.offboarding.simulator;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;

/** Request validation, failing the way AWS fails: before any entity is looked at. */
final class Inputs {

    static final int MAX_ITEMS_LIMIT = 1000;
    private static final Pattern MANAGED_POLICY_ARN =
            Pattern.compile("arn:aws[a-z-]*:iam::(aws|\\d{12}):policy/([\\u0021-\\u007E]*/)?[\\w+=,.@-]+");

    private Inputs() {
    }

    /** Returns the value when it satisfies the rule, else throws a ValidationError. */
    static String check(InputRule rule, String value) {
        rule.problemWith(value).ifPresent(problem -> {
            throw IamErrors.validation(problem);
        });
        return value;
    }

    static String checkOptional(InputRule rule, String value) {
        return value == null ? null : check(rule, value);
    }

    static String pathOrRoot(String path) {
        return path == null ? "/" : check(InputRule.PATH, path);
    }

    static String required(String field, String value) {
        if (value == null) {
            throw IamErrors.validation("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    /** The status an Update* call may set: Active or Inactive. */
    static String status(String field, StatusType status, String rawStatus) {
        required(field, rawStatus);
        if (status != StatusType.ACTIVE && status != StatusType.INACTIVE) {
            throw IamErrors.validation("1 validation error detected: Value '" + rawStatus + "' at '" + field
                    + "' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
        }
        return status.toString();
    }

    static Integer maxItems(Integer maxItems) {
        if (maxItems != null && (maxItems < 1 || maxItems > MAX_ITEMS_LIMIT)) {
            throw IamErrors.validation("1 validation error detected: Value '" + maxItems
                    + "' at 'maxItems' failed to satisfy constraint: Member must have value "
                    + (maxItems < 1 ? "greater than or equal to 1" : "less than or equal to " + MAX_ITEMS_LIMIT));
        }
        return maxItems;
    }

    static String managedPolicyArn(String arn) {
        return managedPolicyArn(InputRule.POLICY_ARN, arn);
    }

    /** A managed policy ARN in a parameter of another name, e.g. PermissionsBoundary. */
    static String managedPolicyArn(InputRule rule, String arn) {
        check(rule, arn);
        if (!MANAGED_POLICY_ARN.matcher(arn).matches()) {
            throw IamErrors.invalidInput("ARN " + arn + " is not valid.");
        }
        return arn;
    }

    static boolean isManagedPolicyArn(String arn) {
        return arn != null && MANAGED_POLICY_ARN.matcher(arn).matches();
    }

    /** An AWS managed policy ({@code arn:<partition>:iam::aws:policy/...}) rather than one of an account's own. */
    static boolean isAwsManagedPolicyArn(String arn) {
        Matcher m = arn == null ? null : MANAGED_POLICY_ARN.matcher(arn);
        return m != null && m.matches() && m.group(1).equals("aws");
    }

    static List<Tag> tags(List<Tag> tags) {
        for (Tag tag : tags) {
            check(InputRule.TAG_KEY, tag.key());
            check(InputRule.TAG_VALUE, tag.value());
        }
        return tags;
    }
}
