package dev.offboarding.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.ObjIntConsumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.json.Json;
import dev.offboarding.json.RequestReader;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.organizations.model.AccountJoinedMethod;
import software.amazon.awssdk.services.organizations.model.AccountStatus;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Builds an {@link Account} from a {@link World}. A world is read by the project's strict reader; the values are
 * then checked as IAM would check them. Every problem is an {@link IllegalArgumentException} naming the key by its
 * path in the file (e.g. {@code users[0].accessKeys[0].status}). Missing dates mean "now".
 */
final class WorldLoader {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern CALLER_ARN = Pattern.compile("arn:aws[a-z-]*:(iam|sts)::\\d{12}:\\S+");
    private static final String DEFAULT_POLICY_DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
    private static final String DEFAULT_SERVICE = "codecommit.amazonaws.com";
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]+");

    private final Account account;
    private final Instant now;
    private final UserOperations users;
    private final MfaOperations mfa;
    private final GroupOperations groups;
    private final ServiceSpecificCredentialOperations serviceCredentials;
    private final Set<String> credentialIds = new HashSet<>();

    private WorldLoader(Account account) {
        this.account = account;
        this.now = account.now();
        this.users = new UserOperations(account);
        this.mfa = new MfaOperations(account);
        this.groups = new GroupOperations(account);
        this.serviceCredentials = new ServiceSpecificCredentialOperations(account);
    }

    /**
     * Reads a world file (comments allowed), or a scenario file whose {@code "world"} key holds the world(s), and
     * hands that part and its path to {@code load}. Every problem names the file.
     */
    static <T> T fromFile(Path file, BiFunction<JsonNode, String, T> load) {
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode root = RequestReader.readTree(in, Json.allowingComments());
            boolean scenario = root != null && root.isObject() && root.has("world");
            return scenario ? load.apply(root.get("world"), "world") : load.apply(root, "");
        } catch (InvalidRequestException | IllegalArgumentException e) {
            String problem = e instanceof InvalidRequestException invalid ? String.join("; ", invalid.problems())
                    : e.getMessage();
            throw new IllegalArgumentException(file + ": " + problem, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read world file " + file, e);
        }
    }

    /** The account the world {@code json} describes; {@code at} is where it sits in its file, for messages. */
    static Account load(JsonNode json, String at, Clock clock) {
        return load(read(json, at, World.class), at, clock);
    }

    /**
     * Reads {@code json}, the value at path {@code at} of its file, into {@code type} as strictly as a request:
     * an unknown key, a null, a value of another type is refused naming its path.
     */
    static <T> T read(JsonNode json, String at, Class<T> type) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException((at.isEmpty() ? "the world" : "field \"" + at + "\"")
                    + " must be a JSON object, not " + (json == null ? "nothing" : json.getNodeType() == JsonNodeType.ARRAY
                    ? "an array" : json.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        try {
            RequestReader.refuseAnyNull(json, at);
            return RequestReader.read(json, type, at);
        } catch (InvalidRequestException e) {
            throw new IllegalArgumentException(String.join("; ", e.problems()), e);
        }
    }

    /** The account a world describes; {@code at} is where the world sits in its file, for messages. */
    static Account load(World world, String at, Clock clock) {
        String accountId = orElse(world.accountId(), Account.DEFAULT_ACCOUNT_ID);
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw fail(key(at, "accountId"), "expected 12 digits, got \"" + accountId + "\"");
        }
        String callerArn = null;
        String callerUserId = null;
        if (world.caller() != null) {
            callerArn = required(key(at, "caller"), "arn", world.caller().arn());
            if (!CALLER_ARN.matcher(callerArn).matches()) {
                throw fail(key(at, "caller.arn"), "expected an IAM user or STS assumed-role ARN, got \"" + callerArn
                        + "\"");
            }
            callerUserId = world.caller().userId();
        }
        WorldLoader loader = new WorldLoader(new Account(accountId, callerArn, callerUserId, clock));
        each(world.managedPolicies(), at, "managedPolicies", loader::managedPolicy);
        each(world.groups(), at, "groups", loader::group);
        each(world.virtualMfaDevices(), at, "virtualMfaDevices", loader::unassignedVirtualMfa);
        each(world.users(), at, "users", loader::user);
        each(world.roles(), at, "roles", loader::role);
        loader.account.buckets.configure(throttling(world.throttling(), key(at, "throttling")));
        if (world.faults() != null) {
            faults(world.faults().throttle(), key(key(at, "faults"), "throttle"), loader.account.faults::throttle);
            faults(world.faults().serverError(), key(key(at, "faults"), "serverError"),
                    loader.account.faults::serverError);
        }
        if (world.credentialReport() != null) {
            Long seconds = nonNegative(key(at, "credentialReport"), "generationSeconds",
                    world.credentialReport().generationSeconds());
            if (seconds != null) {
                loader.account.credentialReportGeneration = Duration.ofSeconds(seconds);
            }
        }
        if (world.organizationAccount() != null) {
            loader.account.membership = membership(world.organizationAccount(), loader.account,
                    key(at, "organizationAccount"));
        }
        return loader.account;
    }

    private static Throttling throttling(World.Throttling json, String at) {
        if (json == null) {
            return Throttling.NONE;
        }
        Throttling.Buckets buckets = switch (orElse(json.buckets(), "perOperation")) {
            case "perOperation" -> Throttling.Buckets.PER_OPERATION;
            case "perClass" -> Throttling.Buckets.PER_CLASS;
            default -> throw fail(key(at, "buckets"), "expected \"perOperation\" (a bucket per API) or "
                    + "\"perClass\" (one for reads, one for writes), got \"" + json.buckets() + "\"");
        };
        Map<String, Throttling.Rate> operations = new TreeMap<>();
        if (json.operations() != null) {
            json.operations().forEach((operation, rate) -> {
                String operationAt = key(key(at, "operations"), operation);
                requireServed(operation, operationAt, "e.g. \"GetCredentialReport\", \"ListUsers\"");
                operations.put(operation, rate(rate, operationAt));
            });
        }
        Throttling.Rate read = json.read() == null ? null : rate(json.read(), key(at, "read"));
        Throttling.Rate write = json.write() == null ? null : rate(json.write(), key(at, "write"));
        return new Throttling(read, write, operations, buckets);
    }

    private static void faults(Map<String, Integer> times, String at, ObjIntConsumer<String> inject) {
        if (times == null) {
            return;
        }
        times.forEach((operation, n) -> {
            String operationAt = key(at, operation);
            if (!operation.equals(FaultInjector.ANY_OPERATION)) {
                requireServed(operation, operationAt, "e.g. \"UpdateAccessKey\", or \"*\" for any");
            }
            if (n == null || n < 1) {
                throw fail(operationAt, "expected how many of its next calls fail, at least 1, got " + n);
            }
            inject.accept(operation, n);
        });
    }

    private static void requireServed(String operation, String at, String examples) {
        if (!isServedOperation(operation)) {
            throw fail(at, "\"" + operation + "\" is not an IAM action the simulator serves (spell it as IAM does, "
                    + examples + ")");
        }
    }

    private static Throttling.Rate rate(World.Rate json, String at) {
        if (json.rate() == null) {
            throw fail(key(at, "rate"), "required number is missing: calls per second the bucket refills with");
        }
        if (json.burst() == null) {
            throw fail(key(at, "burst"), "required whole number is missing: how many calls the full bucket lets "
                    + "through at once");
        }
        if (!(json.rate() > 0) || json.rate().isInfinite()) {
            throw fail(key(at, "rate"), "expected a number of calls per second above 0, got " + json.rate());
        }
        if (json.burst() < 1) {
            throw fail(key(at, "burst"), "expected a whole number of at least 1, got " + json.burst());
        }
        return Throttling.Rate.of(json.rate(), json.burst());
    }

    /** An IAM action ({@code "ListSSHPublicKeys"}) the simulator implements, spelled exactly. */
    static boolean isServedOperation(String operation) {
        for (java.lang.reflect.Method method : IamSimulator.class.getDeclaredMethods()) {
            String name = method.getName();
            if (java.lang.reflect.Modifier.isPublic(method.getModifiers()) && method.getParameterCount() == 1
                    && software.amazon.awssdk.services.iam.model.IamRequest.class
                    .isAssignableFrom(method.getParameterTypes()[0])
                    && (Character.toUpperCase(name.charAt(0)) + name.substring(1)).equals(operation)) {
                return true;
            }
        }
        return false;
    }

    private static OrganizationMembership membership(World.OrganizationAccount json, Account account, String at) {
        OrganizationMembership defaults = OrganizationMembership.defaultFor(account);
        String name = orElse(json.name(), defaults.name());
        if (name.isEmpty() || name.length() > 50) {
            throw fail(key(at, "name"), "expected 1 to 50 characters, got \"" + name + "\"");
        }
        String email = orElse(json.email(), defaults.email());
        if (!EMAIL.matcher(email).matches()) {
            throw fail(key(at, "email"), "expected an e-mail address, got \"" + email + "\"");
        }
        AccountStatus status = AccountStatus.fromValue(orElse(json.status(), AccountStatus.ACTIVE.toString()));
        if (status == AccountStatus.UNKNOWN_TO_SDK_VERSION) {
            throw fail(key(at, "status"), "expected \"ACTIVE\", \"SUSPENDED\" or \"PENDING_CLOSURE\", got \""
                    + json.status() + "\"");
        }
        AccountJoinedMethod joined = AccountJoinedMethod.fromValue(orElse(json.joinedMethod(),
                AccountJoinedMethod.CREATED.toString()));
        if (joined == AccountJoinedMethod.UNKNOWN_TO_SDK_VERSION) {
            throw fail(key(at, "joinedMethod"), "expected \"CREATED\" or \"INVITED\", got \""
                    + json.joinedMethod() + "\"");
        }
        return new OrganizationMembership(name, email, status, joined,
                orElse(json.joinedTimestamp(), defaults.joinedTimestamp()));
    }

    private void managedPolicy(World.ManagedPolicy policy, String at) {
        String arn = managedPolicyArn(policy.policyArn(), at);
        if (account.managedPolicyDocuments.containsKey(arn) && !AwsManagedPolicies.DOCUMENTS.containsKey(arn)) {
            throw fail(key(at, "policyArn"), "managed policy \"" + arn + "\" is declared twice");
        }
        account.managedPolicyDocuments.put(arn, document(policy.policyDocument(), key(at, "policyDocument")));
    }

    private void group(World.Group group, String at) {
        String name = checked(at, "groupName", InputRule.GROUP_NAME, required(at, "groupName", group.groupName()));
        if (account.findGroup(name).isPresent()) {
            throw fail(key(at, "groupName"), "group \"" + name + "\" is declared twice");
        }
        account.addGroup(path(group.path(), at), name, orElse(group.createDate(), now));
        String groupKey = name.toLowerCase(Locale.ROOT);
        Map<String, String> inline = new TreeMap<>();
        each(group.inlinePolicies(), at, "inlinePolicies", (policy, policyAt) -> inline.put(
                policyName(policy, policyAt), document(policy.policyDocument(), key(policyAt, "policyDocument"))));
        account.groupInlinePolicies.put(groupKey, inline);
        List<String> attached = new ArrayList<>();
        each(group.attachedPolicies(), at, "attachedPolicies",
                (policy, policyAt) -> attached.add(managedPolicyArn(policy.policyArn(), policyAt)));
        account.groupAttachedPolicies.put(groupKey, attached);
    }

    private static String managedPolicyArn(String arn, String at) {
        required(at, "policyArn", arn);
        if (!Inputs.isManagedPolicyArn(arn)) {
            throw fail(key(at, "policyArn"), "expected a managed policy ARN such as "
                    + "\"arn:aws:iam::aws:policy/ReadOnlyAccess\", got \"" + arn + "\"");
        }
        return arn;
    }

    private void unassignedVirtualMfa(World.VirtualMfaDevice device, String at) {
        String serial = virtualSerial(device.serialNumber(), at);
        if (account.virtualMfaDevices.containsKey(serial)) {
            throw fail(key(at, "serialNumber"), "virtual MFA device \"" + serial + "\" is declared twice");
        }
        mfa.addVirtual(serial);
    }

    private void user(World.User json, String at) {
        String name = checked(at, "userName", InputRule.USER_NAME, required(at, "userName", json.userName()));
        if (account.findUser(name).isPresent()) {
            throw fail(key(at, "userName"), "user \"" + name + "\" is declared twice");
        }
        String boundary = json.permissionsBoundary();
        if (boundary != null && !Inputs.isManagedPolicyArn(boundary)) {
            throw fail(key(at, "permissionsBoundary"), "expected a managed policy ARN, got \"" + boundary + "\"");
        }
        String userId = json.userId();
        if (userId != null && account.users().stream().anyMatch(u -> u.identity.userId().equals(userId))) {
            throw fail(key(at, "userId"), "user id \"" + userId + "\" is used twice");
        }
        UserState user = account.addUser(path(json.path(), at), name, userId, orElse(json.createDate(), now),
                json.passwordLastUsed(), boundary);
        List<Tag> tags = new ArrayList<>();
        each(json.tags(), at, "tags", (tag, tagAt) -> tags.add(tag(tag, tagAt)));
        users.addTags(user, tags);
        if (json.loginProfile() != null) {
            user.loginProfile = loginProfile(json.loginProfile(), key(at, "loginProfile"));
        }
        each(json.accessKeys(), at, "accessKeys", (key, keyAt) -> accessKey(user, key, keyAt));
        each(json.signingCertificates(), at, "signingCertificates", (cert, certAt) -> signingCertificate(user, cert,
                certAt));
        each(json.sshPublicKeys(), at, "sshPublicKeys", (key, keyAt) -> sshPublicKey(user, key, keyAt));
        each(json.serviceSpecificCredentials(), at, "serviceSpecificCredentials",
                (credential, credentialAt) -> serviceCredential(user, credential, credentialAt));
        each(json.mfaDevices(), at, "mfaDevices", (device, deviceAt) -> mfaDevice(user, device, deviceAt));
        each(json.inlinePolicies(), at, "inlinePolicies", (policy, policyAt) -> user.inlinePolicies.put(
                policyName(policy, policyAt), new InlinePolicyRecord(policy.policyName(),
                        document(policy.policyDocument(), key(policyAt, "policyDocument")))));
        requireInlineQuota(user, at);
        each(json.attachedPolicies(), at, "attachedPolicies", (policy, policyAt) -> {
            String arn = managedPolicyArn(policy.policyArn(), policyAt);
            user.attachedPolicies.put(arn, new AttachedPolicyRecord(arn, account.nextSequence()));
        });
        for (String groupName : orEmpty(json.groups())) {
            GroupRecord group = account.findGroup(groupName).orElseThrow(() -> fail(key(at, "groups"),
                    "group \"" + groupName + "\" is not declared in the world's \"groups\""));
            groups.join(user, group);
        }
        account.permissionsStart(user);
        each(json.sessions(), at, "sessions", (session, sessionAt) -> session(user, session, sessionAt));
    }

    /** IAM would have refused the PutUserPolicy that took a user past its inline quota; so does a world. */
    private static void requireInlineQuota(UserState user, String at) {
        int total = user.inlinePolicies.values().stream()
                .mapToInt(policy -> PolicyDocuments.sizeAgainstQuota(policy.document())).sum();
        if (total > UserPolicyOperations.MAX_INLINE_CHARACTERS_PER_USER) {
            throw fail(key(at, "inlinePolicies"), "the user's inline policy documents hold " + total
                    + " characters together (white space not counted), over IAM's quota of "
                    + UserPolicyOperations.MAX_INLINE_CHARACTERS_PER_USER + " per user; make some of them "
                    + "managed policies (managedPolicies, attachedPolicies) or shorten them");
        }
    }

    private void session(UserState user, World.Session session, String at) {
        String name = required(at, "name", session.name());
        if (!SESSION_NAME.matcher(name).matches()) {
            throw fail(key(at, "name"), "expected 1 to 64 letters, digits or + = , . @ _ -, got \"" + name + "\"");
        }
        if (account.sessions.hasNamed(user.name(), name)) {
            throw fail(key(at, "name"), "session \"" + name + "\" is declared twice for user \"" + user.name()
                    + "\"");
        }
        Instant issuedAt = orElse(session.issuedAt(), now);
        if (issuedAt.isAfter(now)) {
            throw fail(key(at, "issuedAt"), "must not be after the clock's time at load (" + now + "), got "
                    + issuedAt);
        }
        Long seconds = session.durationSeconds();
        Duration duration = seconds == null ? Sessions.DEFAULT_DURATION : Duration.ofSeconds(seconds);
        if (seconds != null && (duration.compareTo(Sessions.SHORTEST_DURATION) < 0
                || duration.compareTo(Sessions.LONGEST_DURATION) > 0)) {
            throw fail(key(at, "durationSeconds"), "expected 900 to 129600 (GetSessionToken's range for an IAM "
                    + "user), got " + seconds);
        }
        account.sessions.issueAt(user, name, issuedAt, duration);
    }

    private static Tag tag(World.Tag tag, String at) {
        return Tag.builder()
                .key(checked(at, "key", InputRule.TAG_KEY, required(at, "key", tag.key())))
                .value(checked(at, "value", InputRule.TAG_VALUE, orElse(tag.value(), "")))
                .build();
    }

    private LoginProfileRecord loginProfile(World.LoginProfile profile, String at) {
        Long seconds = nonNegative(at, "unmodifiableForSeconds", profile.unmodifiableForSeconds());
        return new LoginProfileRecord(orElse(profile.createDate(), now),
                orElse(profile.passwordResetRequired(), false),
                seconds == null ? null : now.plus(Duration.ofSeconds(seconds)));
    }

    private void accessKey(UserState user, World.AccessKey key, String at) {
        String id = key.accessKeyId() == null ? account.ids.accessKeyId()
                : uniqueId(at, "accessKeyId", InputRule.ACCESS_KEY_ID, key.accessKeyId());
        World.LastUsed used = key.lastUsed();
        LastUse lastUsed = used == null ? LastUse.NEVER
                : new LastUse(used.date(), orElse(used.serviceName(), "N/A"), orElse(used.region(), "N/A"));
        user.accessKeys.put(id, new AccessKeyRecord(id, status(key.status(), at), orElse(key.createDate(), now),
                lastUsed, account.nextSequence()));
    }

    private void signingCertificate(UserState user, World.SigningCertificate cert, String at) {
        String id = cert.certificateId() == null ? account.ids.certificateId()
                : uniqueId(at, "certificateId", InputRule.CERTIFICATE_ID, cert.certificateId());
        String body = orElse(cert.certificateBody(),
                "-----BEGIN CERTIFICATE-----\n" + id + "\n-----END CERTIFICATE-----\n");
        user.signingCertificates.put(id, new SigningCertificateRecord(id, body, status(cert.status(), at),
                orElse(cert.uploadDate(), now), account.nextSequence()));
    }

    private void sshPublicKey(UserState user, World.SshPublicKey key, String at) {
        String id = key.sshPublicKeyId() == null ? account.ids.sshPublicKeyId()
                : uniqueId(at, "sshPublicKeyId", InputRule.SSH_PUBLIC_KEY_ID, key.sshPublicKeyId());
        String body = orElse(key.sshPublicKeyBody(), "ssh-rsa AAAAB3NzaC1yc2E" + id + " " + user.name());
        user.sshPublicKeys.put(id, new SshPublicKeyRecord(id, body, status(key.status(), at),
                orElse(key.uploadDate(), now), account.nextSequence()));
    }

    private void serviceCredential(UserState user, World.ServiceSpecificCredential credential, String at) {
        String id = credential.serviceSpecificCredentialId() == null ? account.ids.serviceSpecificCredentialId()
                : uniqueId(at, "serviceSpecificCredentialId", InputRule.SERVICE_SPECIFIC_CREDENTIAL_ID,
                        credential.serviceSpecificCredentialId());
        user.serviceCredentials.put(id, new ServiceCredentialRecord(id,
                orElse(credential.serviceName(), DEFAULT_SERVICE),
                orElse(credential.serviceUserName(), serviceCredentials.serviceUserName(user.name())),
                status(credential.status(), at), orElse(credential.createDate(), now), credential.expirationDate(),
                account.nextSequence()));
    }

    /** A virtual device listed under a user is assigned to that user, created first if the world did not list it. */
    private void mfaDevice(UserState user, World.MfaDevice device, String at) {
        String given = required(at, "serialNumber", device.serialNumber());
        String serial = MfaDeviceRecord.isVirtual(given)
                ? virtualSerial(given, at)
                : checked(at, "serialNumber", InputRule.SERIAL_NUMBER, given);
        mfa.assignedOwner(serial).ifPresent(owner -> {
            throw fail(key(at, "serialNumber"), "MFA device \"" + serial + "\" is already assigned to user \""
                    + owner + "\"");
        });
        if (MfaDeviceRecord.isVirtual(serial) && !account.virtualMfaDevices.containsKey(serial)) {
            mfa.addVirtual(serial);
        }
        mfa.assign(user, serial, orElse(device.enableDate(), now));
    }

    private void role(World.Role json, String at) {
        String name = checked(at, "roleName", InputRule.ROLE_NAME, required(at, "roleName", json.roleName()));
        if (account.findRole(name).isPresent()) {
            throw fail(key(at, "roleName"), "role \"" + name + "\" is declared twice");
        }
        if (json.assumeRolePolicyDocument() == null) {
            throw fail(key(at, "assumeRolePolicyDocument"), "is required: the role's trust policy");
        }
        String trust = document(json.assumeRolePolicyDocument(), key(at, "assumeRolePolicyDocument"));
        Instant usableAt = now.plus(Duration.ofSeconds(orElse(nonNegative(at, "usableAfterSeconds",
                json.usableAfterSeconds()), 0L)));
        RoleRecord role = account.addRole(path(json.path(), at), name, json.roleId(),
                orElse(json.createDate(), now), trust, usableAt);
        each(json.inlinePolicies(), at, "inlinePolicies", (policy, policyAt) -> role.inlinePolicies.put(
                policyName(policy, policyAt), document(policy.policyDocument(), key(policyAt, "policyDocument"))));
    }

    private static String policyName(World.InlinePolicy policy, String at) {
        return checked(at, "policyName", InputRule.POLICY_NAME, required(at, "policyName", policy.policyName()));
    }

    /** A policy document is a JSON object, or a string holding one; left out, it allows nothing. */
    private static String document(JsonNode document, String at) {
        if (document == null) {
            return DEFAULT_POLICY_DOCUMENT;
        }
        if (document.isObject()) {
            return PolicyDocuments.compact(document);
        }
        if (document.isTextual()) {
            try {
                return PolicyDocuments.requireJsonObject(document.textValue());
            } catch (RuntimeException malformed) {
                throw fail(at, "expected a JSON object (or a string holding one)");
            }
        }
        throw fail(at, "expected a JSON object (or a string holding one), got "
                + document.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    private String virtualSerial(String serial, String at) {
        required(at, "serialNumber", serial);
        String prefix = "arn:aws:iam::" + account.accountId + ":mfa/";
        if (!serial.startsWith(prefix) || InputRule.SERIAL_NUMBER.violatedConstraint(serial).isPresent()) {
            throw fail(key(at, "serialNumber"), "expected a virtual MFA device ARN \"" + prefix + "<name>\", got \""
                    + serial + "\"");
        }
        return serial;
    }

    private static String path(String path, String at) {
        return path == null ? "/" : checked(at, "path", InputRule.PATH, path);
    }

    private static String status(String status, String at) {
        String given = orElse(status, StatusType.ACTIVE.toString());
        if (!given.equals(StatusType.ACTIVE.toString()) && !given.equals(StatusType.INACTIVE.toString())) {
            throw fail(key(at, "status"), "expected \"Active\" or \"Inactive\", got \"" + given + "\"");
        }
        return given;
    }

    private String uniqueId(String at, String field, InputRule rule, String id) {
        checked(at, field, rule, id);
        if (!credentialIds.add(id)) {
            throw fail(key(at, field), "id \"" + id + "\" is used twice");
        }
        account.ids.reserve(id);
        return id;
    }

    private static String checked(String at, String field, InputRule rule, String value) {
        rule.violatedConstraint(value).ifPresent(constraint -> {
            throw fail(key(at, field), "\"" + value + "\" " + constraint);
        });
        return value;
    }

    private static String required(String at, String field, String value) {
        if (value == null) {
            throw fail(key(at, field), "required string is missing");
        }
        return value;
    }

    private static Long nonNegative(String at, String field, Long value) {
        if (value != null && value < 0) {
            throw fail(key(at, field), "expected a whole number of zero or more, got " + value);
        }
        return value;
    }

    /** Each item of a list that may be left out, with its path ({@code users[2]}). */
    private static <T> void each(List<T> items, String at, String field, Item<T> item) {
        List<T> all = orEmpty(items);
        for (int i = 0; i < all.size(); i++) {
            item.load(all.get(i), key(at, field) + "[" + i + "]");
        }
    }

    @FunctionalInterface
    private interface Item<T> {
        void load(T item, String at);
    }

    static String key(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    private static IllegalArgumentException fail(String at, String problem) {
        return new IllegalArgumentException(at + ": " + problem);
    }

    private static <T> List<T> orEmpty(List<T> items) {
        return items == null ? List.of() : items;
    }

    private static <T> T orElse(T value, T otherwise) {
        return value == null ? otherwise : value;
    }
}
