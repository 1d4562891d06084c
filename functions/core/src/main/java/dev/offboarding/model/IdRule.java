package dev.offboarding.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The form IAM's API gives an identifier (the patterns and lengths of IAM's service model, the {@code service-2.json}
 * the AWS SDKs are generated from), and what a value breaks of it. A value that breaks its rule is described, never
 * repeated: a malformed id may be anything, a pasted secret included.
 */
public sealed interface IdRule {
    /** IAM's {@code arnType}: 20 to 2048 characters. */
    int MIN_ARN = 20;
    int MAX_ARN = 2048;

    /** The problem with {@code value} of {@code field}, if any; {@code whereToFindIt} ends the sentence. */
    Optional<String> problem(String field, String value, String whereToFindIt);

    /** {@code min} to {@code max} characters, each matching {@code allowed}: IAM's {@code accessKeyIdType}, ... */
    static IdRule characters(String iamName, String allowed, String allowedInWords, int min, int max, String example) {
        return new Characters(iamName, Pattern.compile(allowed), allowedInWords, min, max, example);
    }

    record Characters(String iamName, Pattern allowed, String allowedInWords, int min, int max, String example)
            implements IdRule {
        @Override
        public Optional<String> problem(String field, String value, String whereToFindIt) {
            if (value == null) {
                return Optional.of(field + " is required: the " + iamName + ", e.g. \"" + example + "\"; "
                        + whereToFindIt);
            }
            String what = value.length() < min || value.length() > max
                    ? "it is " + value.length() + " characters long"
                    : firstOutside(value).map(at -> "it has another character at position " + at).orElse(null);
            return what == null ? Optional.empty() : Optional.of(field + " must be " + min + " to " + max + " "
                    + allowedInWords + " (IAM's " + iamName + "), e.g. \"" + example + "\"; " + what + "; "
                    + whereToFindIt);
        }

        private Optional<Integer> firstOutside(String value) {
            for (int i = 0; i < value.length(); i++) {
                if (!allowed.matcher(value.substring(i, i + 1)).matches()) {
                    return Optional.of(i + 1);
                }
            }
            return Optional.empty();
        }
    }

    /** A managed policy's ARN (IAM's {@code arnType}): {@code arn:<partition>:iam::<account or aws>:policy/<name>}. */
    record ManagedPolicyArn() implements IdRule {
        private static final Pattern POLICY_ARN =
                Pattern.compile("arn:aws[a-z-]*:iam::(aws|\\d{12}):policy(/[A-Za-z0-9.,+@=_-]+)*/[\\w+=,.@-]{1,128}");

        @Override
        public Optional<String> problem(String field, String arn, String whereToFindIt) {
            if (arn == null) {
                return Optional.of(field + " is required: the managed policy's ARN, e.g."
                        + " \"arn:aws:iam::aws:policy/ReadOnlyAccess\"; " + whereToFindIt);
            }
            if (arn.length() < MIN_ARN || arn.length() > MAX_ARN || !POLICY_ARN.matcher(arn).matches()) {
                return Optional.of(field + " must be a managed policy's ARN, " + MIN_ARN + " to " + MAX_ARN
                        + " characters (IAM's PolicyArn) of the form arn:<partition>:iam::<account id or aws>:policy/"
                        + "<path><name>, e.g. \"arn:aws:iam::aws:policy/ReadOnlyAccess\"; it is " + arn.length()
                        + " characters long and not of that form; " + whereToFindIt);
            }
            return Optional.empty();
        }
    }
}
