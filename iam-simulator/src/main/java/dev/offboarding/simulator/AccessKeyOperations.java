package dev.offboarding.simulator;

import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedRequest;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;

/** Long-term access keys. */
final class AccessKeyOperations {

    static final int MAX_KEYS_PER_USER = 2;

    private final Account account;

    AccessKeyOperations(Account account) {
        this.account = account;
    }

    ListAccessKeysResponse listAccessKeys(ListAccessKeysRequest request) {
        UserState user = account.requireUser(account.userNameOrCaller(request.userName()));
        Page<AccessKeyRecord> page = account.paginator().page("ListAccessKeys", user.accessKeys.values(),
                key -> Paginator.bySequence(key.sequence()), request.marker(), request.maxItems());
        return ListAccessKeysResponse.builder()
                .accessKeyMetadata(page.items().stream().map(key -> key.toSdk(user.name())).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    /** Looks the key up by id alone, across the account, as IAM does. */
    GetAccessKeyLastUsedResponse getAccessKeyLastUsed(GetAccessKeyLastUsedRequest request) {
        String accessKeyId = Inputs.check(InputRule.ACCESS_KEY_ID, request.accessKeyId());
        for (UserState user : account.users()) {
            AccessKeyRecord key = user.accessKeys.get(accessKeyId);
            if (key != null) {
                return GetAccessKeyLastUsedResponse.builder()
                        .userName(user.name())
                        .accessKeyLastUsed(key.lastUsed().toSdk())
                        .build();
            }
        }
        throw noSuchKey(accessKeyId);
    }

    UpdateAccessKeyResponse updateAccessKey(UpdateAccessKeyRequest request) {
        String userName = account.userNameOrCaller(request.userName());
        String accessKeyId = Inputs.check(InputRule.ACCESS_KEY_ID, request.accessKeyId());
        String status = Inputs.status("status", request.status(), request.statusAsString());
        UserState user = account.requireUser(userName);
        AccessKeyRecord key = requireKey(user, accessKeyId);
        user.accessKeys.put(accessKeyId, key.withStatus(status));
        return UpdateAccessKeyResponse.builder().build();
    }

    DeleteAccessKeyResponse deleteAccessKey(DeleteAccessKeyRequest request) {
        String userName = account.userNameOrCaller(request.userName());
        String accessKeyId = Inputs.check(InputRule.ACCESS_KEY_ID, request.accessKeyId());
        UserState user = account.requireUser(userName);
        requireKey(user, accessKeyId);
        user.accessKeys.remove(accessKeyId);
        account.removed(user, Blocker.accessKey(accessKeyId));
        return DeleteAccessKeyResponse.builder().build();
    }

    /** The only answer that carries the secret; the simulator keeps no copy of it. */
    CreateAccessKeyResponse createAccessKey(CreateAccessKeyRequest request) {
        UserState user = account.requireUser(account.userNameOrCaller(request.userName()));
        if (user.accessKeys.size() >= MAX_KEYS_PER_USER) {
            throw IamErrors.limitExceeded("AccessKeysPerUser", MAX_KEYS_PER_USER);
        }
        AccessKeyRecord key = new AccessKeyRecord(account.ids.accessKeyId(), StatusType.ACTIVE.toString(),
                account.now(), LastUse.NEVER, account.nextSequence());
        user.accessKeys.put(key.accessKeyId(), key);
        return CreateAccessKeyResponse.builder()
                .accessKey(AccessKey.builder()
                        .userName(user.name())
                        .accessKeyId(key.accessKeyId())
                        .status(key.status())
                        .secretAccessKey(account.ids.secret(40))
                        .createDate(key.createDate())
                        .build())
                .build();
    }

    private static AccessKeyRecord requireKey(UserState user, String accessKeyId) {
        AccessKeyRecord key = user.accessKeys.get(accessKeyId);
        if (key == null) {
            throw noSuchKey(accessKeyId);
        }
        return key;
    }

    private static RuntimeException noSuchKey(String accessKeyId) {
        return IamErrors.noSuchEntity("The Access Key with id " + accessKeyId + " cannot be found.");
    }
}
