package dev.offboarding.audit;

import dev.offboarding.model.BlockerKind;

/** A credential the lock-out deactivated, and what a reinstate did to it. {@code id} is an identifier, never a secret. */
public record ReactivatedItem(BlockerKind kind, String id, Result result) {
    public enum Result {
        /** Active again (it was Active before the lock-out). */
        ACTIVATED,
        /** A dry run, or the plan written ahead: a real run activates it. */
        WOULD_ACTIVATE,
        /** It was not Active before the lock-out (Inactive, or not in the first inventory): it stays inactive. */
        LEFT_INACTIVE,
        /** IAM no longer has it (NoSuchEntity): deleted since the lock-out, it cannot come back. */
        GONE
    }
}
