package dev.offboarding.validation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The execution name for an event: the same event always gets the same name, so that a second delivery of it cannot
 * start a second execution (Step Functions refuses a name it has already used). Only letters, digits, '-' and '_'
 * are used, which every Step Functions feature (logging included) accepts. Names are at most 64 characters: Step
 * Functions allows 80, but in a member account the execution name is the STS role session name, which STS limits to
 * 64 (see {@link MemberAccount#sessionNameProblems}).
 */
public final class ExecutionName {
    public static final int MAX_LENGTH = MemberAccount.MAX_SESSION_NAME;
    private static final String PREFIX = "event-";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1," + (MAX_LENGTH - PREFIX.length()) + "}");
    /** Hex characters of the SHA-256 kept: 192 bits, far beyond any chance of two events sharing a name. */
    static final int HASH_LENGTH = 48;

    private ExecutionName() {
    }

    /**
     * {@code event-<id>} for an id such as EventBridge's UUIDs (at most 58 letters, digits, '-' or '_');
     * {@code event-<the first 48 hex characters of the id's SHA-256>} for any other (54 characters).
     */
    public static String forEvent(String eventId) {
        if (SAFE_ID.matcher(eventId).matches()) {
            return PREFIX + eventId;
        }
        return PREFIX + sha256(eventId).substring(0, HASH_LENGTH);
    }

    /** The SHA-256 of the text's UTF-8 bytes, as 64 lower-case hex characters. */
    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
