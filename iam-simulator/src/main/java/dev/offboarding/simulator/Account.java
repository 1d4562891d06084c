package dev.offboarding.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated AWS account: its users, groups and virtual MFA devices, and the knobs that shape
 * how IAM answers. Not thread-safe by itself; every access happens under the simulator's lock.
 */
final class Account {

    static final String DEFAULT_ACCOUNT_ID = "123456789012";
    static final int DEFAULT_PAGE_SIZE = 100;

    final String accountId;
    final Clock clock;
    /** When the account (and its root user) came to be: the clock at load. */
    final Instant createdAt;
    /** The account's rate limits: one token bucket per API (or per read/write class). */
    final TokenBuckets buckets;
    /** The newest credential report, generated or being generated; null before the first GenerateCredentialReport. */
    CredentialReport credentialReport;
    Duration credentialReportGeneration = CredentialReportOperations.DEFAULT_GENERATION_TIME;
    /** How Organizations describes this account (name, e-mail, status) when it is part of an organization. */
    OrganizationMembership membership;
    final IdGenerator ids = new IdGenerator();
    final Caller caller;
    private final Map<String, UserState> users = new LinkedHashMap<>();
    private final Map<String, GroupRecord> groups = new LinkedHashMap<>();
    final Map<String, VirtualMfaRecord> virtualMfaDevices = new LinkedHashMap<>();
    private final Map<String, RoleRecord> roles = new LinkedHashMap<>();
    /** Managed policies' documents by ARN: the AWS managed ones the simulator knows, and the world's own. */
    final Map<String, String> managedPolicyDocuments = new LinkedHashMap<>(AwsManagedPolicies.DOCUMENTS);
    /** Each group's policies (keyed by lower-cased group name): inline documents by name, attached policy ARNs. */
    final Map<String, Map<String, String>> groupInlinePolicies = new LinkedHashMap<>();
    final Map<String, List<String>> groupAttachedPolicies = new LinkedHashMap<>();
    /** Each user's permissions after every change, for what IAM's enforcement sees through the visibility lag. */
    final PermissionHistory permissions = new PermissionHistory();
    /** The users' sessions (GetSessionToken's), including those a world file declares. */
    final Sessions sessions = new Sessions(this);
    /** The faults its calls meet (throttling, 5xx, denials, a crash), set by a world file or a test. */
    final FaultInjector faults = new FaultInjector();
    /** The accounts STS can reach from this one; null until the account joins a {@link SimulatedOrganization}. */
    SimulatedOrganization organization;
    /** How long after CreateRole STS keeps refusing to let anyone assume the new role (default 0). */
    Duration newRolesUsableAfter = Duration.ZERO;
    private long sequence;

    int pageSize = DEFAULT_PAGE_SIZE;
    Duration visibilityLag = Duration.ZERO;
    Duration loginProfileSettle = Duration.ZERO;

    Account(String accountId, String callerArn, String callerUserId, Clock clock) {
        this.accountId = accountId;
        this.clock = clock;
        this.createdAt = clock.instant();
        this.buckets = new TokenBuckets(clock);
        this.caller = new Caller(callerArn == null ? defaultCallerArn(accountId) : callerArn, callerUserId);
    }

    static String defaultCallerArn(String accountId) {
        return "arn:aws:iam::" + accountId + ":user/offboarding-operator";
    }

    Instant now() {
        return clock.instant();
    }

    long nextSequence() {
        return ++sequence;
    }

    Paginator paginator() {
        return new Paginator(pageSize);
    }

    Optional<UserState> findUser(String userName) {
        return Optional.ofNullable(users.get(key(userName)));
    }

    UserState requireUser(String userName) {
        return findUser(userName).orElseThrow(() -> IamErrors.noSuchUser(userName));
    }

    Collection<UserState> users() {
        return users.values();
    }

    UserState addUser(String path, String userName, String userId, Instant createDate, Instant passwordLastUsed,
                      String permissionsBoundaryArn) {
        String id = userId == null ? ids.userId() : userId;
        ids.reserve(id);
        UserState user = new UserState(new UserIdentity(path, userName, id,
                UserIdentity.arnFor(accountId, path, userName), createDate, passwordLastUsed));
        user.permissionsBoundaryArn = permissionsBoundaryArn;
        users.put(key(userName), user);
        return user;
    }

    void removeUser(UserState user) {
        users.remove(key(user.name()));
    }

    int groupCount() {
        return groups.size();
    }

    int roleCount() {
        return roles.size();
    }

    Optional<GroupRecord> findGroup(String groupName) {
        return Optional.ofNullable(groups.get(key(groupName)));
    }

    GroupRecord requireGroup(String groupName) {
        return findGroup(groupName)
                .orElseThrow(() -> IamErrors.noSuchEntity("The group with name " + groupName + " cannot be found."));
    }

    GroupRecord addGroup(String path, String groupName, Instant createDate) {
        GroupRecord group = new GroupRecord(path, groupName, ids.groupId(),
                GroupRecord.arnFor(accountId, path, groupName), createDate);
        groups.put(key(groupName), group);
        return group;
    }

    Optional<RoleRecord> findRole(String roleName) {
        return Optional.ofNullable(roles.get(key(roleName)));
    }

    RoleRecord requireRole(String roleName) {
        return findRole(roleName)
                .orElseThrow(() -> IamErrors.noSuchEntity("The role with name " + roleName + " cannot be found."));
    }

    RoleRecord addRole(String path, String roleName, String roleId, Instant createDate, String trustPolicy,
                       Instant usableAt) {
        String id = roleId == null ? ids.roleId() : roleId;
        ids.reserve(id);
        RoleRecord role = new RoleRecord(path, roleName, id, RoleRecord.arnFor(accountId, path, roleName), createDate,
                trustPolicy, usableAt);
        roles.put(key(roleName), role);
        return role;
    }

    void removeRole(RoleRecord role) {
        roles.remove(key(role.name));
    }

    String virtualMfaSerial(String path, String deviceName) {
        return "arn:aws:iam::" + accountId + ":mfa" + path + deviceName;
    }

    /**
     * The document of a managed policy the simulator knows, whatever the partition its ARN names (AWS managed
     * policies are the same in every partition).
     */
    Optional<String> managedPolicyDocument(String arn) {
        return Optional.ofNullable(managedPolicyDocuments.get(arn.replaceFirst("^arn:aws[a-z-]*:", "arn:aws:")));
    }

    /** The user's permissions as it starts: enforcement sees them at once. */
    void permissionsStart(UserState user) {
        permissions.record(user.identity.userId(), snapshotOf(user, Instant.MIN));
    }

    /** The user's permissions just changed; enforcement sees the change only after the visibility lag. */
    void permissionsChanged(UserState user) {
        permissions.record(user.identity.userId(), snapshotOf(user, now()));
    }

    void userDeleted(UserState user) {
        permissions.record(user.identity.userId(), PermissionSnapshot.deleted(now()));
    }

    private PermissionSnapshot snapshotOf(UserState user, Instant at) {
        List<String> documents = new ArrayList<>();
        user.inlinePolicies.values().forEach(policy -> documents.add(policy.document()));
        user.attachedPolicies.keySet().forEach(arn -> managedPolicyDocument(arn).ifPresent(documents::add));
        for (GroupMembership membership : user.groups.values()) {
            String group = key(membership.groupName());
            documents.addAll(groupInlinePolicies.getOrDefault(group, Map.of()).values());
            groupAttachedPolicies.getOrDefault(group, List.of())
                    .forEach(arn -> managedPolicyDocument(arn).ifPresent(documents::add));
        }
        String boundary = user.permissionsBoundaryArn;
        return new PermissionSnapshot(at, true, documents, boundary,
                boundary == null ? null : managedPolicyDocument(boundary).orElse(null));
    }

    /** A removal that reads see at once, but that DeleteUser keeps tripping over for the visibility lag. */
    void removed(UserState user, Blocker blocker) {
        if (!visibilityLag.isZero()) {
            user.remember(new Tombstone(blocker, now().plus(visibilityLag)));
        }
    }

    /**
     * The user a request is about. Where IAM lets UserName be omitted it means the caller,
     * which works only when the caller is an IAM user.
     */
    String userNameOrCaller(String requested) {
        if (requested != null) {
            return Inputs.check(InputRule.USER_NAME, requested);
        }
        return caller.userName().orElseThrow(() ->
                IamErrors.validation("Must specify userName when calling with non-User credentials"));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Whoever signs the requests: an IAM user or an assumed role. */
    record Caller(String arn, String explicitUserId) {

        Optional<String> userName() {
            int marker = arn.indexOf(":user/");
            return marker < 0 ? Optional.empty() : Optional.of(arn.substring(arn.lastIndexOf('/') + 1));
        }
    }
}
