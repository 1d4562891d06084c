package dev.offboarding.model;

/** The nine things that make IAM answer DeleteConflict to DeleteUser while they remain. */
public enum BlockerKind {
    LOGIN_PROFILE("console password"),
    ACCESS_KEY("access key"),
    SIGNING_CERTIFICATE("signing certificate"),
    SSH_PUBLIC_KEY("SSH public key"),
    SERVICE_SPECIFIC_CREDENTIAL("service-specific credential"),
    MFA_DEVICE("MFA device"),
    INLINE_POLICY("inline policy"),
    ATTACHED_POLICY("attached managed policy"),
    GROUP_MEMBERSHIP("group membership");

    private final String description;

    BlockerKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
