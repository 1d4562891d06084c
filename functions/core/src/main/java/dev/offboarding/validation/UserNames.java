package dev.offboarding.validation;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** IAM's rule for user names: 1 to 64 characters, each a letter, digit or one of + = , . @ _ - */
public final class UserNames {
    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_+=,.@-]");

    private UserNames() {
    }

    /** The problem with {@code value} as the field {@code field}, or empty when it is a valid IAM user name. */
    public static Optional<String> problem(String field, String value) {
        if (value == null) {
            return Optional.of(field + " is required: the IAM user name, e.g. \"" + field + "\": \"little_tester\"");
        }
        if (value.isEmpty()) {
            return Optional.of(field + " is empty: give the IAM user name (1 to 64 characters)");
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of(field + " is " + value.length() + " characters long; IAM user names have at most "
                    + MAX_LENGTH);
        }
        int position = 0;
        for (int codePoint : value.codePoints().toArray()) {
            position++;
            if (!ALLOWED.matcher(Character.toString(codePoint)).matches()) {
                return Optional.of(field + " contains " + printable(codePoint) + " at position " + position
                        + "; IAM user names may contain only letters, digits and + = , . @ _ -");
            }
        }
        return Optional.empty();
    }

    public static List<String> problems(String field, String value) {
        return problem(field, value).map(List::of).orElse(List.of());
    }

    private static String printable(int codePoint) {
        return Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
                ? String.format("the character U+%04X", codePoint)
                : "'" + Character.toString(codePoint) + "'";
    }
}
