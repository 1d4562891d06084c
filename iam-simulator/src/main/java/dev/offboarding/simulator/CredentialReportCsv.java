package dev.offboarding.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * The credential report's CSV, with IAM's columns in IAM's order and IAM's value conventions: times as
 * {@code 2026-11-20T12:00:00+00:00}, {@code true}/{@code false}, {@code N/A} where a credential is absent or an access
 * key was never used, {@code no_information} for a password never used, and the {@code <root_account>} row first
 * ({@code not_supported} for its password columns). A user's first and second access keys (and certificates) are
 * the oldest and the next, whatever their status; an inactive one shows {@code false} with its dates.
 */
final class CredentialReportCsv {

    static final List<String> COLUMNS = List.of("user", "arn", "user_creation_time", "password_enabled",
            "password_last_used", "password_last_changed", "password_next_rotation", "mfa_active",
            "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
            "access_key_1_last_used_region", "access_key_1_last_used_service",
            "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
            "access_key_2_last_used_region", "access_key_2_last_used_service",
            "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated");
    static final String ROOT_USER = "<root_account>";
    static final String NOT_APPLICABLE = "N/A";
    static final String NO_INFORMATION = "no_information";
    static final String NOT_SUPPORTED = "not_supported";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);

    private CredentialReportCsv() {
    }

    /** The report of {@code account} as it is now. */
    static String of(Account account) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        csv.append(row(rootRow(account)));
        for (UserState user : account.users()) {
            csv.append(row(userRow(user)));
        }
        return csv.toString();
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    private static List<String> rootRow(Account account) {
        List<String> row = new ArrayList<>(List.of(ROOT_USER, "arn:aws:iam::" + account.accountId + ":root",
                time(account.createdAt), NOT_SUPPORTED, NO_INFORMATION, NOT_SUPPORTED, NOT_SUPPORTED, "false"));
        addAbsentKeys(row, 2);
        addAbsentCertificates(row, 2);
        return row;
    }

    private static List<String> userRow(UserState user) {
        UserIdentity identity = user.identity;
        boolean password = user.loginProfile != null;
        List<String> row = new ArrayList<>(List.of(identity.userName(), identity.arn(), time(identity.createDate()),
                String.valueOf(password),
                !password ? NOT_APPLICABLE : identity.passwordLastUsed() == null ? NO_INFORMATION
                        : time(identity.passwordLastUsed()),
                password ? time(user.loginProfile.createDate()) : NOT_APPLICABLE,
                // The simulator has no password policy, so no password is ever due for rotation.
                NOT_APPLICABLE,
                String.valueOf(!user.mfaDevices.isEmpty())));
        List<AccessKeyRecord> keys = oldestFirst(user.accessKeys.values(), AccessKeyRecord::sequence);
        for (int i = 0; i < 2; i++) {
            if (i < keys.size()) {
                AccessKeyRecord key = keys.get(i);
                LastUse used = key.lastUsed();
                row.add(String.valueOf(isActive(key.status())));
                row.add(time(key.createDate()));
                row.add(used.date() == null ? NOT_APPLICABLE : time(used.date()));
                row.add(used.date() == null ? NOT_APPLICABLE : used.region());
                row.add(used.date() == null ? NOT_APPLICABLE : used.serviceName());
            } else {
                addAbsentKeys(row, 1);
            }
        }
        List<SigningCertificateRecord> certificates =
                oldestFirst(user.signingCertificates.values(), SigningCertificateRecord::sequence);
        for (int i = 0; i < 2; i++) {
            if (i < certificates.size()) {
                row.add(String.valueOf(isActive(certificates.get(i).status())));
                row.add(time(certificates.get(i).uploadDate()));
            } else {
                addAbsentCertificates(row, 1);
            }
        }
        return row;
    }

    private static void addAbsentKeys(List<String> row, int keys) {
        for (int i = 0; i < keys; i++) {
            row.addAll(List.of("false", NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE));
        }
    }

    private static void addAbsentCertificates(List<String> row, int certificates) {
        for (int i = 0; i < certificates; i++) {
            row.addAll(List.of("false", NOT_APPLICABLE));
        }
    }

    private static boolean isActive(String status) {
        return StatusType.ACTIVE.toString().equals(status);
    }

    private static <T> List<T> oldestFirst(java.util.Collection<T> items, Function<T, Long> sequence) {
        return items.stream().sorted(Comparator.comparing(sequence)).toList();
    }

    /** One CSV line; a value holding a comma or a quote (IAM names and paths may) is quoted. */
    private static String row(List<String> values) {
        StringBuilder line = new StringBuilder();
        for (String value : values) {
            if (!line.isEmpty()) {
                line.append(',');
            }
            boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0;
            line.append(quote ? '"' + value.replace("\"", "\"\"") + '"' : value);
        }
        return line.append('\n').toString();
    }
}
