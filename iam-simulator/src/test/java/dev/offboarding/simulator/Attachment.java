package dev.offboarding.simulator;

/** The nine kinds of thing that keep IAM from deleting a user, each attached and removed through the API. */
enum Attachment {
    LOGIN_PROFILE("Cannot delete entity, must delete login profile first.") {
        @Override
        Runnable attach(IamSimulator sim, String user) {
            sim.createLoginProfile(r -> r.userName(user).password("Correct-Horse-Battery-1"));
            return () -> sim.deleteLoginProfile(r -> r.userName(user));
        }
    },
    ACCESS_KEY(Attachment.TOKENS) {
        @Override
        Runnable attach(IamSimulator sim, String user) {
            String id = sim.createAccessKey(r -> r.userName(user)).accessKey().accessKeyId();
            return () -> sim.deleteAccessKey(r -> r.userName(user).accessKeyId(id));
        }
    },
    SIGNING_CERTIFICATE(Attachment.TOKENS) {
        @Override
        Runnable attach(IamSimulator sim, String user) {
            String id = sim.uploadSigningCertificate(r -> r.userName(user).certificateBody(Fixtures.PEM))
                    .certificate().certificateId();
            return () -> sim.deleteSigningCertificate(r -> r.userName(user).certificateId(id));
        }
    },
    SSH_PUBLIC_KEY(Attachment.TOKENS) {
        @Override
        Runnable attach(IamSimulator sim, String user) {
            String id = sim.uploadSSHPublicKey(r -> r.userName(user).sshPublicKeyBody(Fixtures.SSH_KEY))
                    .sshPublicKey().sshPublicKeyId();
            return () -> sim.deleteSSHPublicKey(r -> r.userName(user).sshPublicKeyId(id));
        }
    },
    SERVICE_SPECIFIC_CREDENTIAL(Attachment.TOKENS) {
        @Override
        Runnable attach(IamSimulator sim, String user) {
            String id = sim.createServiceSpecificCredential(r -> r.userName(user).serviceName("codecommit.amazonaws.com"))
                    .serviceSpecificCredential().serviceSpecificCredentialId();
            return () -> sim.deleteServiceSpecificCredential(r -> r.userName(user).serviceSpecificCredentialId(id));
        }
    },
    MFA_DEVICE("Cannot delete entity, must delete MFA device first.") {
        @Override
        Runnable attach(IamSimulator sim, String user) {
            String serial = sim.createVirtualMFADevice(r -> r.virtualMFADeviceName(user + "-phone"))
                    .virtualMFADevice().serialNumber();
            sim.enableMFADevice(r -> r.userName(user).serialNumber(serial)
                    .authenticationCode1("123456").authenticationCode2("654321"));
            return () -> sim.deactivateMFADevice(r -> r.userName(user).serialNumber(serial));
        }
    },
    INLINE_POLICY("Cannot delete entity, must delete policies first.") {
        @Override
        Runnable attach(IamSimulator sim, String user) {
            sim.putUserPolicy(r -> r.userName(user).policyName("notes").policyDocument(Fixtures.POLICY));
            return () -> sim.deleteUserPolicy(r -> r.userName(user).policyName("notes"));
        }
    },
    ATTACHED_POLICY("Cannot delete entity, must detach all policies first.") {
        @Override
        Runnable attach(IamSimulator sim, String user) {
            sim.attachUserPolicy(r -> r.userName(user).policyArn(Fixtures.READ_ONLY));
            return () -> sim.detachUserPolicy(r -> r.userName(user).policyArn(Fixtures.READ_ONLY));
        }
    },
    GROUP_MEMBERSHIP("Cannot delete entity, must remove users from group first.") {
        @Override
        Runnable attach(IamSimulator sim, String user) {
            sim.createGroup(r -> r.groupName("developers"));
            sim.addUserToGroup(r -> r.groupName("developers").userName(user));
            return () -> sim.removeUserFromGroup(r -> r.groupName("developers").userName(user));
        }
    };

    private static final String TOKENS = "Cannot delete entity, must remove tokens from principal first.";

    final String deleteConflictMessage;

    Attachment(String deleteConflictMessage) {
        this.deleteConflictMessage = deleteConflictMessage;
    }

    /** Attaches one of this kind to the user and returns how to remove it again. */
    abstract Runnable attach(IamSimulator sim, String user);
}
