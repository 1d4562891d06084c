package dev.offboarding.reinstateuser;

import dev.offboarding.audit.Unrecoverable;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.ServiceSpecificCredential;
import dev.offboarding.model.UserInventory;

/**
 * What cannot come back, and how a person gives the user a new one: the AWS CLI command, its secret handed to the
 * person out of band (never through a record, a log or this product).
 */
final class Replacements {
    private Replacements() {
    }

    /** The console password a lock-out of an earlier version deleted. */
    static Unrecoverable deletedPassword(String userName) {
        return new Unrecoverable(BlockerKind.LOGIN_PROFILE, userName, "the lock-out deleted the console password (an"
                + " earlier version of the lock-out did; it now keeps it), and IAM cannot give it back",
                "aws iam create-login-profile --user-name " + userName + " --password-reset-required --password"
                        + " '<a new password>' (give the person the password out of band)");
    }

    /** A credential deleted since the lock-out (IAM answered NoSuchEntity when it was to be activated). */
    static Unrecoverable deletedSince(BlockerKind kind, String id, String userName, UserInventory before) {
        String why = "deleted since the lock-out: IAM no longer has it";
        return new Unrecoverable(kind, id, why, switch (kind) {
            case ACCESS_KEY -> "aws iam create-access-key --user-name " + userName
                    + " (give the person the new secret access key out of band)";
            case SIGNING_CERTIFICATE -> "aws iam upload-signing-certificate --user-name " + userName
                    + " --certificate-body file://<the person's certificate.pem>";
            case SSH_PUBLIC_KEY -> "aws iam upload-ssh-public-key --user-name " + userName
                    + " --ssh-public-key-body file://<the person's key.pub>";
            case SERVICE_SPECIFIC_CREDENTIAL -> "aws iam create-service-specific-credential --user-name " + userName
                    + " --service-name " + serviceOf(before, id) + " (give the person the new password out of band)";
            default -> throw new IllegalArgumentException(kind + " is not deactivated by a lock-out");
        });
    }

    private static String serviceOf(UserInventory before, String id) {
        return before == null ? "<its service>" : before.serviceSpecificCredentials().stream()
                .filter(c -> c != null && id.equals(c.serviceSpecificCredentialId()))
                .map(ServiceSpecificCredential::serviceName).filter(java.util.Objects::nonNull).findFirst()
                .orElse("<its service>");
    }
}
