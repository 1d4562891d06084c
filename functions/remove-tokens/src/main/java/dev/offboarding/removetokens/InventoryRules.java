package dev.offboarding.removetokens;

import dev.offboarding.model.AccessKey;
import dev.offboarding.model.AttachedPolicy;
import dev.offboarding.model.GroupMembership;
import dev.offboarding.model.InlinePolicy;
import dev.offboarding.model.MfaDevice;
import dev.offboarding.model.ServiceSpecificCredential;
import dev.offboarding.model.SigningCertificate;
import dev.offboarding.model.SshPublicKey;
import dev.offboarding.model.UserInventory;
import dev.offboarding.validation.Executions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every item of an inventory must be before remove-tokens sends any of it to IAM, in a dry run too: each id in
 * the form IAM's API documents for it (the patterns and lengths below are those of IAM's service model, the
 * {@code service-2.json} the AWS SDKs are generated from), each status one of IAM's two values exactly, nothing
 * missing, nothing listed twice, and no list longer than IAM lets one user have. A problem names the item by its
 * path, e.g. {@code inventory.accessKeys[1].status}, and says how to fix it. A value that breaks its rule is
 * described, never repeated: a malformed id may be anything, a pasted secret included.
 */
final class InventoryRules {
    /**
     * At most this many items of each kind: IAM's quotas per user (IAM and STS quotas, IAM User Guide) or, where a
     * quota can be raised, its highest value. Access keys 2, signing certificates 2, SSH public keys 5, groups 10
     * (none adjustable); MFA devices 8 (up to eight of any type per user); managed policies attached 20 (10 by
     * default, at most 20). Service-specific credentials: 2 per service ({@link #MAX_PER_SERVICE}), for a handful
     * of services (CodeCommit, Keyspaces, Bedrock), so 20 in all leaves room for more. Inline policies have no count
     * quota but share 2,048 characters per user, and each takes at least 16 ({@code {"Statement":[]}}): 128.
     */
    static final int MAX_ACCESS_KEYS = 2;
    static final int MAX_SIGNING_CERTIFICATES = 2;
    static final int MAX_SSH_PUBLIC_KEYS = 5;
    static final int MAX_MFA_DEVICES = 8;
    static final int MAX_ATTACHED_POLICIES = 20;
    static final int MAX_GROUPS = 10;
    static final int MAX_SERVICE_SPECIFIC_CREDENTIALS = 20;
    static final int MAX_PER_SERVICE = 2;
    static final int MAX_INLINE_POLICIES = 128;

    /** IAM's {@code accessKeyIdType}, {@code certificateIdType}, {@code publicKeyIdType}, ... */
    record IdRule(String iamName, Pattern allowed, String allowedInWords, int min, int max, String example) {
        static IdRule of(String iamName, String allowed, String allowedInWords, int min, int max, String example) {
            return new IdRule(iamName, Pattern.compile(allowed), allowedInWords, min, max, example);
        }

        Optional<String> problem(String field, String value, String whereToFindIt) {
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

    private static final String WORD = "letters, digits or _";
    private static final String NAME = "letters, digits or + = , . @ _ -";
    static final IdRule ACCESS_KEY_ID = IdRule.of("AccessKeyId", "\\w", WORD, 16, 128, "AKIAIOSFODNN7EXAMPLE");
    static final IdRule CERTIFICATE_ID = IdRule.of("CertificateId", "\\w", WORD, 24, 128,
            "TA7SMP42TDN5Z26OBPJE7EXAMPLE");
    static final IdRule SSH_PUBLIC_KEY_ID = IdRule.of("SSHPublicKeyId", "\\w", WORD, 20, 128, "APKAEIBAERJR2EXAMPLE");
    static final IdRule SERVICE_SPECIFIC_CREDENTIAL_ID = IdRule.of("ServiceSpecificCredentialId", "\\w", WORD, 20, 128,
            "ACCAEXAMPLE123EXAMPLE");
    static final IdRule SERIAL_NUMBER = IdRule.of("SerialNumber", "[\\w+=/:,.@-]", "letters, digits or + = / : , . @ _ -",
            9, 256, "arn:aws:iam::123456789012:mfa/little_tester");
    static final IdRule POLICY_NAME = IdRule.of("PolicyName", "[\\w+=,.@-]", NAME, 1, 128, "s3-read");
    static final IdRule GROUP_NAME = IdRule.of("GroupName", "[\\w+=,.@-]", NAME, 1, 128, "developers");
    /** IAM's {@code arnType}: 20 to 2048 characters; a managed policy's is {@code arn:<partition>:iam::<account or aws>:policy/<path><name>}. */
    static final int MIN_ARN = 20;
    static final int MAX_ARN = 2048;
    private static final Pattern POLICY_ARN =
            Pattern.compile("arn:aws[a-z-]*:iam::(aws|\\d{12}):policy(/[A-Za-z0-9.,+@=_-]+)*/[\\w+=,.@-]{1,128}");
    private static final Pattern USER_ARN =
            Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):user(/[\\x21-\\x7E]*)?/([\\w+=,.@-]{1,64})");
    /** IAM's {@code statusType}, as IAM writes it. */
    static final List<String> STATUSES = List.of("Active", "Inactive");

    private InventoryRules() {
    }

    /** Every problem with the inventory's items, each naming the item's path under {@code inventory}. */
    static List<String> problems(UserInventory inventory) {
        List<String> problems = new ArrayList<>();
        String from = "take it from list-tokens' output";
        items(problems, "inventory.accessKeys", inventory.accessKeys(), MAX_ACCESS_KEYS, "access keys",
                AccessKey::accessKeyId, (field, key) -> {
                    ACCESS_KEY_ID.problem(field + ".accessKeyId", key.accessKeyId(), from).ifPresent(problems::add);
                    status(field + ".status", key.status()).ifPresent(problems::add);
                }, ".accessKeyId", false);
        items(problems, "inventory.signingCertificates", inventory.signingCertificates(), MAX_SIGNING_CERTIFICATES,
                "signing certificates", SigningCertificate::certificateId, (field, certificate) -> {
                    CERTIFICATE_ID.problem(field + ".certificateId", certificate.certificateId(), from)
                            .ifPresent(problems::add);
                    status(field + ".status", certificate.status()).ifPresent(problems::add);
                }, ".certificateId", false);
        items(problems, "inventory.sshPublicKeys", inventory.sshPublicKeys(), MAX_SSH_PUBLIC_KEYS, "SSH public keys",
                SshPublicKey::sshPublicKeyId, (field, key) -> {
                    SSH_PUBLIC_KEY_ID.problem(field + ".sshPublicKeyId", key.sshPublicKeyId(), from)
                            .ifPresent(problems::add);
                    status(field + ".status", key.status()).ifPresent(problems::add);
                }, ".sshPublicKeyId", false);
        items(problems, "inventory.serviceSpecificCredentials", inventory.serviceSpecificCredentials(),
                MAX_SERVICE_SPECIFIC_CREDENTIALS, "service-specific credentials",
                ServiceSpecificCredential::serviceSpecificCredentialId, (field, credential) -> {
                    SERVICE_SPECIFIC_CREDENTIAL_ID.problem(field + ".serviceSpecificCredentialId",
                            credential.serviceSpecificCredentialId(), from).ifPresent(problems::add);
                    status(field + ".status", credential.status()).ifPresent(problems::add);
                }, ".serviceSpecificCredentialId", false);
        perService(problems, inventory.serviceSpecificCredentials());
        items(problems, "inventory.mfaDevices", inventory.mfaDevices(), MAX_MFA_DEVICES, "MFA devices",
                MfaDevice::serialNumber, (field, device) -> SERIAL_NUMBER.problem(field + ".serialNumber",
                        device.serialNumber(), from).ifPresent(problems::add), ".serialNumber", false);
        items(problems, "inventory.inlinePolicies", inventory.inlinePolicies(), MAX_INLINE_POLICIES, "inline policies",
                InlinePolicy::policyName, (field, policy) -> POLICY_NAME.problem(field + ".policyName",
                        policy.policyName(), from).ifPresent(problems::add), ".policyName", false);
        items(problems, "inventory.attachedPolicies", inventory.attachedPolicies(), MAX_ATTACHED_POLICIES,
                "attached managed policies", AttachedPolicy::policyArn, (field, policy) ->
                        policyArn(field + ".policyArn", policy.policyArn()).ifPresent(problems::add),
                ".policyArn", false);
        // Group names are unique regardless of case: "Admins" and "admins" are the same group.
        items(problems, "inventory.groups", inventory.groups(), MAX_GROUPS, "groups", GroupMembership::groupName,
                (field, group) -> GROUP_NAME.problem(field + ".groupName", group.groupName(), from)
                        .ifPresent(problems::add), ".groupName", true);
        problems.addAll(Executions.problems("inventory.execution", inventory.execution()));
        userArn(inventory).ifPresent(problems::add);
        return problems;
    }

    /** The account id in the inventory's user ARN, when it has one. */
    static Optional<String> userAccount(UserInventory inventory) {
        if (inventory.user() == null || inventory.user().arn() == null) {
            return Optional.empty();
        }
        Matcher arn = USER_ARN.matcher(inventory.user().arn());
        return arn.matches() ? Optional.of(arn.group(1)) : Optional.empty();
    }

    private static Optional<String> userArn(UserInventory inventory) {
        if (inventory.user() == null || inventory.user().arn() == null || inventory.userName() == null) {
            return Optional.empty();
        }
        String arn = inventory.user().arn();
        Matcher user = USER_ARN.matcher(arn);
        if (arn.length() > MAX_ARN || !user.matches()) {
            return Optional.of("inventory.user.arn must be an IAM user's ARN such as"
                    + " \"arn:aws:iam::123456789012:user/little_tester\" (take it from list-tokens' output), or absent");
        }
        if (!user.group(3).equalsIgnoreCase(inventory.userName())) {
            return Optional.of("inventory.user.arn is the ARN of user " + user.group(3) + ", not of inventory.userName "
                    + inventory.userName() + ": this inventory is another user's; take " + inventory.userName()
                    + "'s with list-tokens");
        }
        return Optional.empty();
    }

    @FunctionalInterface
    private interface ItemCheck<T> {
        void check(String field, T item);
    }

    private static <T> void items(List<String> problems, String list, List<T> items, int max, String what,
                                  Function<T, String> id, ItemCheck<T> check, String idField, boolean ignoreCase) {
        if (items.size() > max) {
            problems.add(list + " has " + items.size() + " items; IAM lets a user have at most " + max + " " + what
                    + ": this is not one user's inventory, take it again with list-tokens");
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String field = list + "[" + i + "]";
            T item = items.get(i);
            if (item == null) {
                problems.add(field + " is null: remove it, or give the item as list-tokens lists it");
                continue;
            }
            int before = problems.size();
            check.check(field, item);
            String key = id.apply(item);
            if (problems.size() == before && key != null) {
                Integer first = seen.putIfAbsent(ignoreCase ? key.toLowerCase(Locale.ROOT) : key, i);
                if (first != null) {
                    problems.add(field + idField + " " + key + " is listed twice (also at " + list + "[" + first
                            + "]): list each item once");
                }
            }
        }
    }

    private static void perService(List<String> problems, List<ServiceSpecificCredential> credentials) {
        Map<String, Integer> perService = new HashMap<>();
        for (ServiceSpecificCredential credential : credentials) {
            if (credential != null && credential.serviceName() != null) {
                perService.merge(credential.serviceName(), 1, Integer::sum);
            }
        }
        perService.forEach((service, count) -> {
            if (count > MAX_PER_SERVICE) {
                problems.add("inventory.serviceSpecificCredentials has " + count + " credentials for "
                        + (service.matches("[a-z0-9.-]{1,64}") ? service : "one service") + "; IAM lets a user have"
                        + " at most " + MAX_PER_SERVICE + " per service: take the inventory again with list-tokens");
            }
        });
    }

    /** Absent, or one of IAM's two values exactly: "ACTIVE" is not IAM's "Active", and must not be read as inactive. */
    private static Optional<String> status(String field, String status) {
        if (status == null || STATUSES.contains(status)) {
            return Optional.empty();
        }
        String sent = status.length() <= 16 && status.matches("[A-Za-z]*") ? "it is \"" + status + "\""
                : "it is something else";
        return Optional.of(field + " must be \"Active\" or \"Inactive\", exactly as IAM writes it (case matters),"
                + " or absent; " + sent);
    }

    private static Optional<String> policyArn(String field, String arn) {
        if (arn == null) {
            return Optional.of(field + " is required: the managed policy's ARN, e.g."
                    + " \"arn:aws:iam::aws:policy/ReadOnlyAccess\"; take it from list-tokens' output");
        }
        if (arn.length() < MIN_ARN || arn.length() > MAX_ARN || !POLICY_ARN.matcher(arn).matches()) {
            return Optional.of(field + " must be a managed policy's ARN, " + MIN_ARN + " to " + MAX_ARN
                    + " characters (IAM's PolicyArn) of the form arn:<partition>:iam::<account id or aws>:policy/"
                    + "<path><name>, e.g. \"arn:aws:iam::aws:policy/ReadOnlyAccess\"; it is " + arn.length()
                    + " characters long and not of that form; take it from list-tokens' output");
        }
        return Optional.empty();
    }
}
