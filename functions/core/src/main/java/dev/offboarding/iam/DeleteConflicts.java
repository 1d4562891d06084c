package dev.offboarding.iam;

import dev.offboarding.model.BlockerKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads which kinds of blocker a DeleteConflict message from DeleteUser points at: the kinds whose
 * {@link BlockerKind#conflictPhrase} it holds.
 */
public final class DeleteConflicts {
    private DeleteConflicts() {
    }

    /** E.g. "access keys, signing certificates, SSH public keys or service-specific credentials" for IAM's "tokens". */
    public static String blockersNamedBy(String iamMessage) {
        String m = iamMessage == null ? "" : iamMessage.toLowerCase(Locale.ROOT);
        return Arrays.stream(BlockerKind.values()).filter(kind -> m.contains(kind.conflictPhrase())).findFirst()
                .map(named -> eitherOf(Arrays.stream(BlockerKind.values())
                        .filter(kind -> kind.conflictPhrase().equals(named.conflictPhrase()))
                        .map(BlockerKind::conflictName).toList()))
                .orElse("something IAM did not name");
    }

    private static String eitherOf(List<String> names) {
        int last = names.size() - 1;
        return last == 0 ? names.get(0) : String.join(", ", names.subList(0, last)) + " or " + names.get(last);
    }
}
