package dev.offboarding.simulator;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes AWS-shaped identifiers (AIDA users, AKIA keys, APKA SSH keys, ACCA service credentials, ...).
 * Seeded, so the same sequence of creations always yields the same ids; never repeats an id it has
 * handed out or been told about.
 */
final class IdGenerator {

    private static final String UPPER_BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String BASE64ISH = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final SplittableRandom random = new SplittableRandom(0x1A3_0FF_B0A4DL);
    private final Set<String> used = new HashSet<>();

    void reserve(String id) {
        used.add(id);
    }

    String userId() {
        return unique("AIDA", 17, UPPER_BASE32);
    }

    String groupId() {
        return unique("AGPA", 17, UPPER_BASE32);
    }

    String accessKeyId() {
        return unique("AKIA", 16, UPPER_BASE32);
    }

    String temporaryAccessKeyId() {
        return unique("ASIA", 16, UPPER_BASE32);
    }

    String roleId() {
        return unique("AROA", 17, UPPER_BASE32);
    }

    String sshPublicKeyId() {
        return unique("APKA", 17, UPPER_BASE32);
    }

    String serviceSpecificCredentialId() {
        return unique("ACCA", 17, UPPER_BASE32);
    }

    String certificateId() {
        return unique("", 32, UPPER_ALPHANUMERIC);
    }

    /** Random material shaped like a secret; handed to the caller once and never stored. */
    String secret(int length) {
        return chars(length, BASE64ISH);
    }

    private String unique(String prefix, int length, String alphabet) {
        String id;
        do {
            id = prefix + chars(length, alphabet);
        } while (!used.add(id));
        return id;
    }

    private String chars(int length, String alphabet) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
