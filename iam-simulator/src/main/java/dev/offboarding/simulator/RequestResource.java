package dev.offboarding.simulator;

import java.util.Optional;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesRequest;

/**
 * The resource an IAM request acts on, as IAM names it when it denies the request: the role, group or user the
 * request names (for AddUserToGroup, the group), the policy source of a simulation, the MFA device, the owner of an
 * access key; {@code *} for what names none of them.
 */
final class RequestResource {

    private RequestResource() {
    }

    static String of(Account account, SdkRequest request) {
        String path = field(request, "Path").orElse("/");
        Optional<String> role = field(request, "RoleName");
        if (role.isPresent()) {
            return account.findRole(role.get()).map(r -> r.arn)
                    .orElse(RoleRecord.arnFor(account.accountId, path, role.get()));
        }
        Optional<String> group = field(request, "GroupName");
        if (group.isPresent()) {
            return account.findGroup(group.get()).map(GroupRecord::arn)
                    .orElse(GroupRecord.arnFor(account.accountId, path, group.get()));
        }
        Optional<String> user = field(request, "UserName").or(() -> userOfAccessKey(account, request));
        if (user.isEmpty() && hasField(request, "UserName")) {
            user = account.caller.userName();
        }
        if (user.isPresent()) {
            String name = user.get();
            return account.findUser(name).map(u -> u.identity.arn())
                    .orElse(UserIdentity.arnFor(account.accountId, path, name));
        }
        Optional<String> named = field(request, "PolicySourceArn").or(() -> field(request, "SerialNumber"))
                .or(() -> field(request, "VirtualMFADeviceName").map(name -> account.virtualMfaSerial(path, name)));
        if (named.isPresent()) {
            return named.get();
        }
        return request instanceof ListVirtualMfaDevicesRequest ? account.virtualMfaSerial("/", "*") : "*";
    }

    private static Optional<String> userOfAccessKey(Account account, SdkRequest request) {
        return field(request, "AccessKeyId").flatMap(id -> account.users().stream()
                .filter(u -> u.accessKeys.containsKey(id)).map(UserState::name).findFirst());
    }

    /** Whether the request has the member at all: where UserName may be left out, it means the caller. */
    private static boolean hasField(SdkRequest request, String name) {
        return request.sdkFields().stream().anyMatch(f -> f.memberName().equals(name));
    }

    private static Optional<String> field(SdkRequest request, String name) {
        try {
            return request.getValueForField(name, String.class);
        } catch (RuntimeException notAString) {
            return Optional.empty();
        }
    }
}
