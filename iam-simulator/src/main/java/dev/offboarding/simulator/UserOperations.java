package dev.offboarding.simulator;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserResponse;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.GetUserResponse;
import software.amazon.awssdk.services.iam.model.ListUsersRequest;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.ListUserTagsRequest;
import software.amazon.awssdk.services.iam.model.ListUserTagsResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagUserRequest;
import software.amazon.awssdk.services.iam.model.TagUserResponse;

/** Users themselves: create, read, list, tag, delete. */
final class UserOperations {

    static final int MAX_TAGS_PER_USER = 50;

    private final Account account;

    UserOperations(Account account) {
        this.account = account;
    }

    GetUserResponse getUser(GetUserRequest request) {
        UserState user = account.requireUser(account.userNameOrCaller(request.userName()));
        return GetUserResponse.builder().user(user.toSdk()).build();
    }

    /**
     * The account's users whose path starts with PathPrefix (default "/": all), in name order, without their tags and
     * permissions boundary (IAM's listing leaves them out: GetUser and ListUserTags have them).
     */
    ListUsersResponse listUsers(ListUsersRequest request) {
        String prefix = request.pathPrefix() == null ? "/" : Inputs.check(InputRule.PATH_PREFIX, request.pathPrefix());
        List<UserState> matching = account.users().stream()
                .filter(user -> user.identity.path().startsWith(prefix))
                .toList();
        Page<UserState> page = account.paginator().page("ListUsers", matching,
                user -> user.name().toLowerCase(Locale.ROOT), request.marker(), request.maxItems());
        return ListUsersResponse.builder()
                .users(page.items().stream().map(user -> user.identity.toListedSdk()).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    CreateUserResponse createUser(CreateUserRequest request) {
        String userName = Inputs.check(InputRule.USER_NAME, request.userName());
        String path = Inputs.pathOrRoot(request.path());
        String boundary = request.permissionsBoundary() == null ? null
                : Inputs.managedPolicyArn(request.permissionsBoundary());
        List<Tag> tags = Inputs.tags(request.tags());
        if (tags.size() > MAX_TAGS_PER_USER) {
            throw IamErrors.limitExceeded("TagsPerUser", MAX_TAGS_PER_USER);
        }
        if (account.findUser(userName).isPresent()) {
            throw IamErrors.alreadyExists("User with name " + userName + " already exists.");
        }
        UserState user = account.addUser(path, userName, null, account.now(), null, boundary);
        addTags(user, tags);
        account.permissionsStart(user);
        return CreateUserResponse.builder().user(user.toSdk()).build();
    }

    TagUserResponse tagUser(TagUserRequest request) {
        String userName = Inputs.check(InputRule.USER_NAME, request.userName());
        if (!request.hasTags()) {
            Inputs.required("tags", null);
        }
        List<Tag> tags = Inputs.tags(request.tags());
        UserState user = account.requireUser(userName);
        long newKeys = tags.stream().map(Tag::key).distinct().filter(k -> !user.tags.containsKey(k)).count();
        if (user.tags.size() + newKeys > MAX_TAGS_PER_USER) {
            throw IamErrors.limitExceeded("TagsPerUser", MAX_TAGS_PER_USER);
        }
        addTags(user, tags);
        return TagUserResponse.builder().build();
    }

    ListUserTagsResponse listUserTags(ListUserTagsRequest request) {
        UserState user = account.requireUser(Inputs.check(InputRule.USER_NAME, request.userName()));
        Page<TagEntry> page = account.paginator().page("ListUserTags", user.tags.values(),
                tag -> Paginator.bySequence(tag.sequence()), request.marker(), request.maxItems());
        return ListUserTagsResponse.builder()
                .tags(page.items().stream().map(TagEntry::toSdk).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    /** Refuses while anything is attached, naming the first kind in IAM's order; removes nothing else. */
    DeleteUserResponse deleteUser(DeleteUserRequest request) {
        UserState user = account.requireUser(Inputs.check(InputRule.USER_NAME, request.userName()));
        user.blockersSeenByDeleteUser(account.now()).stream()
                .map(Blocker::kind)
                .min(Comparator.naturalOrder())
                .ifPresent(kind -> {
                    throw IamErrors.deleteConflict(kind.deleteConflictMessage());
                });
        account.removeUser(user);
        account.userDeleted(user);
        return DeleteUserResponse.builder().build();
    }

    void addTags(UserState user, List<Tag> tags) {
        for (Tag tag : tags) {
            TagEntry existing = user.tags.get(tag.key());
            long sequence = existing == null ? account.nextSequence() : existing.sequence();
            user.tags.put(tag.key(), new TagEntry(tag.key(), tag.value(), sequence));
        }
    }
}
