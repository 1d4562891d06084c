package dev.offboarding.selectusers;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An account's IAM credential report, as GetCredentialReport returns it: CSV with a header row of AWS's column names
 * (user, arn, user_creation_time, password_enabled, password_last_used, password_last_changed, ...,
 * access_key_1_active, access_key_1_last_rotated, access_key_1_last_used_date, ..., the same for access_key_2),
 * one row per user and one for the root user ({@code <root_account>}, left out here). Dates are ISO 8601 with an
 * offset ({@code 2026-08-27T10:00:00+00:00}); a date that does not apply is {@code N/A}, one IAM has no record of
 * is {@code no_information}, and the root user's password fields are {@code not_supported}. Columns are found by
 * name, so a column IAM adds later changes nothing; one that is missing, or a value that is none of these, makes
 * the report unreadable (IllegalArgumentException): a selection never guesses.
 */
record CredentialReport(Instant generatedTime, Map<String, Row> rows) {
    static final String ROOT = "<root_account>";
    private static final Set<String> NO_DATE = Set.of("N/A", "no_information", "not_supported");
    private static final List<String> COLUMNS = List.of("user", "arn", "user_creation_time", "password_enabled",
            "password_last_used", "password_last_changed", "access_key_1_active", "access_key_1_last_rotated",
            "access_key_1_last_used_date", "access_key_2_active", "access_key_2_last_rotated",
            "access_key_2_last_used_date");

    /** One user's row: its password and its two access keys. A date IAM does not give is null. */
    record Row(String user, String arn, Instant userCreationTime, boolean passwordEnabled, Instant passwordLastUsed,
               Instant passwordLastChanged, List<AccessKeyColumns> accessKeys) {
    }

    /** Access key 1 or 2 of a row. */
    record AccessKeyColumns(int number, boolean active, Instant lastRotated, Instant lastUsed) {
    }

    static CredentialReport parse(Instant generatedTime, String csv) {
        List<Csv.Row> lines = Csv.rows(csv);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("the report is empty: it has no header row");
        }
        Map<String, Integer> column = new HashMap<>();
        List<String> header = lines.get(0).fields();
        for (int i = 0; i < header.size(); i++) {
            column.put(header.get(i).strip(), i);
        }
        List<String> missing = COLUMNS.stream().filter(c -> !column.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the report has no column " + String.join(", ", missing));
        }
        Map<String, Row> rows = new HashMap<>();
        for (Csv.Row line : lines.subList(1, lines.size())) {
            if (line.blank()) {
                continue;
            }
            if (line.fields().size() != header.size()) {
                throw new IllegalArgumentException("line " + line.line() + " has " + line.fields().size()
                        + " fields, the header " + header.size());
            }
            Fields fields = new Fields(line, column);
            String user = fields.text("user");
            if (ROOT.equals(user)) {
                continue;
            }
            List<AccessKeyColumns> keys = new ArrayList<>();
            for (int n = 1; n <= 2; n++) {
                String key = "access_key_" + n;
                keys.add(new AccessKeyColumns(n, fields.flag(key + "_active"), fields.date(key + "_last_rotated"),
                        fields.date(key + "_last_used_date")));
            }
            Instant created = fields.date("user_creation_time");
            if (created == null) {
                throw new IllegalArgumentException("line " + line.line() + ": user_creation_time of " + user
                        + " is not a date");
            }
            rows.put(user, new Row(user, fields.text("arn"), created, fields.flag("password_enabled"),
                    fields.date("password_last_used"), fields.date("password_last_changed"), List.copyOf(keys)));
        }
        return new CredentialReport(generatedTime, Map.copyOf(rows));
    }

    /** The user's row; empty when the report has none (the user was created after the report). */
    Optional<Row> row(String userName) {
        return Optional.ofNullable(rows.get(userName));
    }

    private record Fields(Csv.Row line, Map<String, Integer> column) {
        String text(String name) {
            return line.fields().get(column.get(name));
        }

        /** {@code true} / {@code false} (IAM writes them in lower case; the documentation in upper case). */
        boolean flag(String name) {
            String value = text(name).toLowerCase(Locale.ROOT);
            return switch (value) {
                case "true" -> true;
                case "false", "not_supported", "n/a" -> false;
                default -> throw new IllegalArgumentException("line " + line.line() + ": " + name + " is \""
                        + text(name) + "\", not true or false");
            };
        }

        /** The date, or null for N/A, no_information and not_supported. */
        Instant date(String name) {
            String value = text(name);
            if (value.isEmpty() || NO_DATE.contains(value)) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("line " + line.line() + ": " + name + " is \"" + value
                        + "\", neither an ISO 8601 date nor N/A, no_information or not_supported", e);
            }
        }
    }
}
