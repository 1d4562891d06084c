package dev.offboarding.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import software.amazon.awssdk.services.iam.model.DeleteSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteSshPublicKeyResponse;
import software.amazon.awssdk.services.iam.model.ListSshPublicKeysRequest;
import software.amazon.awssdk.services.iam.model.ListSshPublicKeysResponse;
import software.amazon.awssdk.services.iam.model.SSHPublicKey;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyResponse;
import software.amazon.awssdk.services.iam.model.UploadSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.UploadSshPublicKeyResponse;

/** SSH public keys (for CodeCommit). */
final class SshPublicKeyOperations {

    static final int MAX_KEYS_PER_USER = 5;

    private final Account account;

    SshPublicKeyOperations(Account account) {
        this.account = account;
    }

    ListSshPublicKeysResponse listSshPublicKeys(ListSshPublicKeysRequest request) {
        UserState user = account.requireUser(account.userNameOrCaller(request.userName()));
        Page<SshPublicKeyRecord> page = account.paginator().page("ListSSHPublicKeys", user.sshPublicKeys.values(),
                key -> Paginator.bySequence(key.sequence()), request.marker(), request.maxItems());
        return ListSshPublicKeysResponse.builder()
                .sshPublicKeys(page.items().stream().map(key -> key.toSdk(user.name())).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    UpdateSshPublicKeyResponse updateSshPublicKey(UpdateSshPublicKeyRequest request) {
        String userName = Inputs.check(InputRule.USER_NAME, request.userName());
        String keyId = Inputs.check(InputRule.SSH_PUBLIC_KEY_ID, request.sshPublicKeyId());
        String status = Inputs.status("status", request.status(), request.statusAsString());
        UserState user = account.requireUser(userName);
        SshPublicKeyRecord key = requireKey(user, keyId);
        user.sshPublicKeys.put(keyId, key.withStatus(status));
        return UpdateSshPublicKeyResponse.builder().build();
    }

    DeleteSshPublicKeyResponse deleteSshPublicKey(DeleteSshPublicKeyRequest request) {
        String userName = Inputs.check(InputRule.USER_NAME, request.userName());
        String keyId = Inputs.check(InputRule.SSH_PUBLIC_KEY_ID, request.sshPublicKeyId());
        UserState user = account.requireUser(userName);
        requireKey(user, keyId);
        user.sshPublicKeys.remove(keyId);
        account.removed(user, Blocker.sshPublicKey(keyId));
        return DeleteSshPublicKeyResponse.builder().build();
    }

    UploadSshPublicKeyResponse uploadSshPublicKey(UploadSshPublicKeyRequest request) {
        String userName = Inputs.check(InputRule.USER_NAME, request.userName());
        String body = Inputs.required("sSHPublicKeyBody", request.sshPublicKeyBody()).strip();
        if (!body.startsWith("ssh-rsa ") && !body.startsWith("-----BEGIN PUBLIC KEY-----")) {
            throw IamErrors.unrecognizedPublicKey("The public key encoding format is unsupported or unrecognized.");
        }
        UserState user = account.requireUser(userName);
        if (user.sshPublicKeys.values().stream().anyMatch(key -> key.body().equals(body))) {
            throw IamErrors.duplicateSshPublicKey("The public key is already associated with the user.");
        }
        if (user.sshPublicKeys.size() >= MAX_KEYS_PER_USER) {
            throw IamErrors.limitExceeded("PublicKeysPerUser", MAX_KEYS_PER_USER);
        }
        SshPublicKeyRecord key = new SshPublicKeyRecord(account.ids.sshPublicKeyId(), body,
                StatusType.ACTIVE.toString(), account.now(), account.nextSequence());
        user.sshPublicKeys.put(key.sshPublicKeyId(), key);
        return UploadSshPublicKeyResponse.builder()
                .sshPublicKey(SSHPublicKey.builder()
                        .userName(user.name())
                        .sshPublicKeyId(key.sshPublicKeyId())
                        .fingerprint(fingerprint(body))
                        .sshPublicKeyBody(body)
                        .status(key.status())
                        .uploadDate(key.uploadDate())
                        .build())
                .build();
    }

    private static SshPublicKeyRecord requireKey(UserState user, String keyId) {
        SshPublicKeyRecord key = user.sshPublicKeys.get(keyId);
        if (key == null) {
            throw IamErrors.noSuchEntity("The Public Key with id " + keyId + " cannot be found.");
        }
        return key;
    }

    /** An MD5 fingerprint in the colon-separated form IAM shows. */
    private static String fingerprint(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder();
            for (byte b : digest) {
                out.append(out.length() == 0 ? "" : ":").append(String.format("%02x", b));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
