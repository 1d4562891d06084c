package dev.offboarding.validation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The execution name for an event: the same event always gets the same name, so that a second delivery of it cannot
 * start a second execution (Step Functions refuses a name it has already used). Names are 1 to 80 characters; only
 * letters, digits, '-' and '_' are used, which every Step Functions feature (logging included) accepts.
 */
public final class ExecutionName {
    public static final int MAX_LENGTH = 80;
    private static final String PREFIX = "event-";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1," + (MAX_LENGTH - PREFIX.length()) + "}");

    private ExecutionName() {
    }

    /** {@code event-<id>} for an id such as EventBridge's UUIDs; {@code event-<sha256 of the id>} for any other. */
    public static String forEvent(String eventId) {
        if (SAFE_ID.matcher(eventId).matches()) {
            return PREFIX + eventId;
        }
        return PREFIX + sha256(eventId);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
