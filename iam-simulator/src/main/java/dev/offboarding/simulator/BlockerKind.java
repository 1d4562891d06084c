package dev.offboarding.simulator;

/**
 * What keeps DeleteUser from succeeding, in the order IAM checks them, with the message IAM gives
 * for each. Four kinds of credential share IAM's "tokens" message.
 */
enum BlockerKind {
    LOGIN_PROFILE("Cannot delete entity, must delete login profile first."),
    ACCESS_KEY(Messages.TOKENS),
    SIGNING_CERTIFICATE(Messages.TOKENS),
    SSH_PUBLIC_KEY(Messages.TOKENS),
    SERVICE_SPECIFIC_CREDENTIAL(Messages.TOKENS),
    MFA_DEVICE("Cannot delete entity, must delete MFA device first."),
    INLINE_POLICY("Cannot delete entity, must delete policies first."),
    ATTACHED_POLICY("Cannot delete entity, must detach all policies first."),
    GROUP_MEMBERSHIP("Cannot delete entity, must remove users from group first.");

    private final String deleteConflictMessage;

    BlockerKind(String deleteConflictMessage) {
        this.deleteConflictMessage = deleteConflictMessage;
    }

    String deleteConflictMessage() {
        return deleteConflictMessage;
    }

    private static final class Messages {
        static final String TOKENS = "Cannot delete entity, must remove tokens from principal first.";
    }
}
