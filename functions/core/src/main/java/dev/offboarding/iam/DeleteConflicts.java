package dev.offboarding.iam;

import java.util.Locale;

/** Reads which kinds of blocker a DeleteConflict message from DeleteUser points at. */
public final class DeleteConflicts {
    private DeleteConflicts() {
    }

    public static String blockersNamedBy(String iamMessage) {
        String m = iamMessage == null ? "" : iamMessage.toLowerCase(Locale.ROOT);
        if (m.contains("login profile")) {
            return "the console password (login profile)";
        }
        if (m.contains("tokens")) {
            return "access keys, signing certificates, SSH public keys or service-specific credentials";
        }
        if (m.contains("mfa")) {
            return "MFA devices";
        }
        if (m.contains("detach")) {
            return "attached managed policies";
        }
        if (m.contains("policies")) {
            return "inline policies";
        }
        if (m.contains("group")) {
            return "group memberships";
        }
        return "something IAM did not name";
    }
}
