package dev.offboarding.records;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The key layout: {@code <accountId>/<userName>/<startedAt>_<executionName>.json}, startedAt in UTC as
 * {@code yyyyMMdd'T'HHmmss'Z'}. Every offboarding of one user is one prefix listing, in start order.
 */
public final class RecordKeys {
    private static final DateTimeFormatter STARTED_AT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /** IAM user names ([\w+=,.@-]{1,64}) and Step Functions execution names without '/', control or blank. */
    private static final Pattern SEGMENT = Pattern.compile("[\\w+=,.@:-]{1,80}");

    private RecordKeys() {
    }

    public static String key(String accountId, String userName, Instant startedAt, String executionName) {
        return userPrefix(accountId, userName) + STARTED_AT.format(startedAt) + "_"
                + segment("executionName", executionName) + ".json";
    }

    /**
     * IAM user names are unique ignoring case ("Alice" and "alice" cannot both exist), so the key has the name in
     * lower case: every request for the user finds the same records, however it spells the name. The record itself
     * keeps the name as the request gave it.
     */
    public static String userPrefix(String accountId, String userName) {
        return accountPrefix(accountId) + segment("userName", userName).toLowerCase(java.util.Locale.ROOT) + "/";
    }

    public static String accountPrefix(String accountId) {
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("accountId must be 12 digits, not " + printable(accountId));
        }
        return accountId + "/";
    }

    /** {@code key} if it is a key of this layout's characters: no leading '/', no "..", no control character. */
    static String checked(String key) {
        if (key == null || key.isEmpty() || !ofKeyCharacters(key)) {
            throw new IllegalArgumentException("not a record key: " + printable(key));
        }
        return key;
    }

    /** {@code prefix} (empty: every key) if it is made of a key's characters, as {@link #checked} says. */
    static String checkedPrefix(String prefix) {
        if (prefix == null || !ofKeyCharacters(prefix)) {
            throw new IllegalArgumentException("not a record key prefix: " + printable(prefix));
        }
        return prefix;
    }

    private static boolean ofKeyCharacters(String text) {
        return !text.startsWith("/") && !text.contains("..") && !text.contains("\\") && !text.contains("//")
                && text.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** {@code text} with its control characters shown as \\uXXXX, for a message. */
    static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder shown = new StringBuilder();
        text.chars().forEach(c -> shown.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : (char) c));
        return shown.toString();
    }

    /** Whether {@code value} can be a user's or an execution's part of a key. */
    public static boolean isSegment(String value) {
        return value != null && SEGMENT.matcher(value).matches() && !value.equals(".") && !value.contains("..");
    }

    private static String segment(String field, String value) {
        if (value == null || !SEGMENT.matcher(value).matches() || value.equals(".") || value.contains("..")) {
            throw new IllegalArgumentException(field + " cannot be part of a record key: " + printable(value));
        }
        return value;
    }
}
