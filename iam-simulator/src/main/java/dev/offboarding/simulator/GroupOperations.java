package dev.offboarding.simulator;

import java.util.Locale;

import software.amazon.awssdk.services.iam.model.AddUserToGroupRequest;
import software.amazon.awssdk.services.iam.model.AddUserToGroupResponse;
import software.amazon.awssdk.services.iam.model.CreateGroupRequest;
import software.amazon.awssdk.services.iam.model.CreateGroupResponse;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserResponse;
import software.amazon.awssdk.services.iam.model.RemoveUserFromGroupRequest;
import software.amazon.awssdk.services.iam.model.RemoveUserFromGroupResponse;

/** Groups and who is in them. */
final class GroupOperations {

    static final int MAX_GROUPS_PER_USER = 10;

    private final Account account;

    GroupOperations(Account account) {
        this.account = account;
    }

    CreateGroupResponse createGroup(CreateGroupRequest request) {
        String groupName = Inputs.check(InputRule.GROUP_NAME, request.groupName());
        String path = Inputs.pathOrRoot(request.path());
        if (account.findGroup(groupName).isPresent()) {
            throw IamErrors.alreadyExists("Group with name " + groupName + " already exists.");
        }
        return CreateGroupResponse.builder().group(account.addGroup(path, groupName, account.now()).toSdk()).build();
    }

    /** Adding a member twice is harmless, as in IAM. */
    AddUserToGroupResponse addUserToGroup(AddUserToGroupRequest request) {
        String groupName = Inputs.check(InputRule.GROUP_NAME, request.groupName());
        String userName = Inputs.check(InputRule.USER_NAME, request.userName());
        GroupRecord group = account.requireGroup(groupName);
        UserState user = account.requireUser(userName);
        if (!user.groups.containsKey(key(group))) {
            if (user.groups.size() >= MAX_GROUPS_PER_USER) {
                throw IamErrors.limitExceeded("GroupsPerUser", MAX_GROUPS_PER_USER);
            }
            join(user, group);
            account.permissionsChanged(user);
        }
        return AddUserToGroupResponse.builder().build();
    }

    RemoveUserFromGroupResponse removeUserFromGroup(RemoveUserFromGroupRequest request) {
        String groupName = Inputs.check(InputRule.GROUP_NAME, request.groupName());
        String userName = Inputs.check(InputRule.USER_NAME, request.userName());
        GroupRecord group = account.requireGroup(groupName);
        UserState user = account.requireUser(userName);
        if (user.groups.remove(key(group)) == null) {
            throw IamErrors.noSuchEntity("User " + user.name() + " is not in group " + group.groupName() + ".");
        }
        account.removed(user, Blocker.groupMembership(group.groupName()));
        account.permissionsChanged(user);
        return RemoveUserFromGroupResponse.builder().build();
    }

    ListGroupsForUserResponse listGroupsForUser(ListGroupsForUserRequest request) {
        UserState user = account.requireUser(Inputs.check(InputRule.USER_NAME, request.userName()));
        Page<GroupMembership> page = account.paginator().page("ListGroupsForUser", user.groups.values(),
                membership -> Paginator.bySequence(membership.sequence()), request.marker(), request.maxItems());
        return ListGroupsForUserResponse.builder()
                .groups(page.items().stream().map(m -> account.requireGroup(m.groupName()).toSdk()).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    void join(UserState user, GroupRecord group) {
        user.groups.put(key(group), new GroupMembership(group.groupName(), account.nextSequence()));
    }

    private static String key(GroupRecord group) {
        return group.groupName().toLowerCase(Locale.ROOT);
    }
}
