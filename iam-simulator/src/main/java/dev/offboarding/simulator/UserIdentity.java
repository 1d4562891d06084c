package dev.offboarding.simulator;

import java.time.Instant;
import java.util.List;

import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.User;

/** Who a user is; fixed at creation (the simulator has no UpdateUser) but for the password's last use. */
record UserIdentity(String path, String userName, String userId, String arn, Instant createDate,
                    Instant passwordLastUsed) {

    static String arnFor(String accountId, String path, String userName) {
        return "arn:aws:iam::" + accountId + ":user" + path + userName;
    }

    UserIdentity withPasswordLastUsed(Instant at) {
        return new UserIdentity(path, userName, userId, arn, createDate, at);
    }

    /** The user as IAM lists it (ListUsers): no permissions boundary, no tags. */
    User toListedSdk() {
        return toSdk(List.of(), null);
    }

    /** The user as IAM describes it, with its permissions boundary (null: none) and tags. */
    User toSdk(List<TagEntry> tags, String permissionsBoundaryArn) {
        User.Builder user = User.builder()
                .path(path)
                .userName(userName)
                .userId(userId)
                .arn(arn)
                .createDate(createDate)
                .passwordLastUsed(passwordLastUsed);
        if (permissionsBoundaryArn != null) {
            user.permissionsBoundary(AttachedPermissionsBoundary.builder()
                    .permissionsBoundaryType(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY)
                    .permissionsBoundaryArn(permissionsBoundaryArn)
                    .build());
        }
        if (!tags.isEmpty()) {
            user.tags(tags.stream().map(TagEntry::toSdk).toList());
        }
        return user.build();
    }
}
