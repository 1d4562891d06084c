package dev.offboarding.simulator;

/** One thing attached to a user that stops DeleteUser, e.g. {@code access key AKIA...}. */
record Blocker(BlockerKind kind, String description) {

    static Blocker loginProfile() {
        return new Blocker(BlockerKind.LOGIN_PROFILE, "login profile");
    }

    static Blocker accessKey(String accessKeyId) {
        return new Blocker(BlockerKind.ACCESS_KEY, "access key " + accessKeyId);
    }

    static Blocker signingCertificate(String certificateId) {
        return new Blocker(BlockerKind.SIGNING_CERTIFICATE, "signing certificate " + certificateId);
    }

    static Blocker sshPublicKey(String sshPublicKeyId) {
        return new Blocker(BlockerKind.SSH_PUBLIC_KEY, "SSH public key " + sshPublicKeyId);
    }

    static Blocker serviceSpecificCredential(ServiceCredentialRecord credential) {
        return new Blocker(BlockerKind.SERVICE_SPECIFIC_CREDENTIAL, "service-specific credential "
                + credential.serviceSpecificCredentialId() + " (" + credential.serviceName() + ")");
    }

    static Blocker mfaDevice(String serialNumber) {
        return new Blocker(BlockerKind.MFA_DEVICE, "MFA device " + serialNumber);
    }

    static Blocker inlinePolicy(String policyName) {
        return new Blocker(BlockerKind.INLINE_POLICY, "inline policy " + policyName);
    }

    static Blocker attachedPolicy(String policyArn) {
        return new Blocker(BlockerKind.ATTACHED_POLICY, "attached policy " + policyArn);
    }

    static Blocker groupMembership(String groupName) {
        return new Blocker(BlockerKind.GROUP_MEMBERSHIP, "group " + groupName);
    }
}
