package dev.offboarding.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;

/** Builds an {@link Account} from a world file (format in the module README). Missing dates mean "now". */
final class WorldLoader {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern CALLER_ARN = Pattern.compile("arn:aws[a-z-]*:(iam|sts)::\\d{12}:\\S+");
    private static final String DEFAULT_POLICY_DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
    private static final String DEFAULT_SERVICE = "codecommit.amazonaws.com";

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

    static Account loadFile(Path file, Clock clock) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read world file " + file, e);
        }
        try {
            if (root != null && root.isObject() && root.has("world")) {
                return load(root.get("world"), "$.world", clock);
            }
            return load(root, "$", clock);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static Account load(JsonNode json, String path, Clock clock) {
        WorldNode world = WorldNode.object(json, path)
                .allowKeys("accountId", "now", "caller", "managedPolicies", "groups", "users", "virtualMfaDevices",
                        "roles");
        String accountId = world.text("accountId").orElse(Account.DEFAULT_ACCOUNT_ID);
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw world.fail("accountId", "expected 12 digits, got \"" + accountId + "\"");
        }
        world.instant("now");
        String callerArn = null;
        String callerUserId = null;
        WorldNode caller = world.object("caller").orElse(null);
        if (caller != null) {
            caller.allowKeys("arn", "userId");
            callerArn = caller.requiredText("arn");
            if (!CALLER_ARN.matcher(callerArn).matches()) {
                throw caller.fail("arn", "expected an IAM user or STS assumed-role ARN, got \"" + callerArn + "\"");
            }
            callerUserId = caller.text("userId").orElse(null);
        }
        WorldLoader loader = new WorldLoader(new Account(accountId, callerArn, callerUserId, clock));
        world.objects("managedPolicies").forEach(loader::managedPolicy);
        world.objects("groups").forEach(loader::group);
        world.objects("virtualMfaDevices").forEach(loader::unassignedVirtualMfa);
        world.objects("users").forEach(loader::user);
        world.objects("roles").forEach(loader::role);
        return loader.account;
    }

    private void managedPolicy(WorldNode policy) {
        policy.allowKeys("policyArn", "policyDocument");
        String arn = managedPolicyArn(policy);
        if (account.managedPolicyDocuments.containsKey(arn) && !AwsManagedPolicies.DOCUMENTS.containsKey(arn)) {
            throw policy.fail("policyArn", "managed policy \"" + arn + "\" is declared twice");
        }
        account.managedPolicyDocuments.put(arn, document(policy, "policyDocument"));
    }

    private void group(WorldNode group) {
        group.allowKeys("groupName", "path", "createDate", "inlinePolicies", "attachedPolicies");
        String name = checked(group, "groupName", InputRule.GROUP_NAME, group.requiredText("groupName"));
        if (account.findGroup(name).isPresent()) {
            throw group.fail("groupName", "group \"" + name + "\" is declared twice");
        }
        account.addGroup(path(group), name, group.instant("createDate").orElse(now));
        String key = name.toLowerCase(java.util.Locale.ROOT);
        java.util.Map<String, String> inline = new java.util.TreeMap<>();
        group.objects("inlinePolicies").forEach(policy -> {
            policy.allowKeys("policyName", "policyDocument");
            String policyName = checked(policy, "policyName", InputRule.POLICY_NAME, policy.requiredText("policyName"));
            inline.put(policyName, document(policy, "policyDocument"));
        });
        account.groupInlinePolicies.put(key, inline);
        java.util.List<String> attached = new java.util.ArrayList<>();
        group.objects("attachedPolicies").forEach(policy -> {
            policy.allowKeys("policyArn");
            attached.add(managedPolicyArn(policy));
        });
        account.groupAttachedPolicies.put(key, attached);
    }

    private static String managedPolicyArn(WorldNode policy) {
        String arn = policy.requiredText("policyArn");
        if (!Inputs.isManagedPolicyArn(arn)) {
            throw policy.fail("policyArn", "expected a managed policy ARN such as "
                    + "\"arn:aws:iam::aws:policy/ReadOnlyAccess\", got \"" + arn + "\"");
        }
        return arn;
    }

    private void unassignedVirtualMfa(WorldNode device) {
        device.allowKeys("serialNumber");
        String serial = virtualSerial(device);
        if (account.virtualMfaDevices.containsKey(serial)) {
            throw device.fail("serialNumber", "virtual MFA device \"" + serial + "\" is declared twice");
        }
        mfa.addVirtual(serial);
    }

    private void user(WorldNode json) {
        json.allowKeys("userName", "path", "userId", "createDate", "passwordLastUsed", "permissionsBoundary", "tags",
                "loginProfile", "accessKeys", "signingCertificates", "sshPublicKeys", "serviceSpecificCredentials",
                "mfaDevices", "inlinePolicies", "attachedPolicies", "groups");
        String name = checked(json, "userName", InputRule.USER_NAME, json.requiredText("userName"));
        if (account.findUser(name).isPresent()) {
            throw json.fail("userName", "user \"" + name + "\" is declared twice");
        }
        String boundary = json.text("permissionsBoundary").orElse(null);
        if (boundary != null && !Inputs.isManagedPolicyArn(boundary)) {
            throw json.fail("permissionsBoundary", "expected a managed policy ARN, got \"" + boundary + "\"");
        }
        String userId = json.text("userId").orElse(null);
        if (userId != null && account.users().stream().anyMatch(u -> u.identity.userId().equals(userId))) {
            throw json.fail("userId", "user id \"" + userId + "\" is used twice");
        }
        UserState user = account.addUser(path(json), name, userId, json.instant("createDate").orElse(now),
                json.instant("passwordLastUsed").orElse(null), boundary);
        users.addTags(user, json.objects("tags").stream().map(this::tag).toList());
        json.object("loginProfile").ifPresent(profile -> user.loginProfile = loginProfile(profile));
        json.objects("accessKeys").forEach(key -> accessKey(user, key));
        json.objects("signingCertificates").forEach(cert -> signingCertificate(user, cert));
        json.objects("sshPublicKeys").forEach(key -> sshPublicKey(user, key));
        json.objects("serviceSpecificCredentials").forEach(credential -> serviceCredential(user, credential));
        json.objects("mfaDevices").forEach(device -> mfaDevice(user, device));
        json.objects("inlinePolicies").forEach(policy -> inlinePolicy(user, policy));
        json.objects("attachedPolicies").forEach(policy -> attachedPolicy(user, policy));
        List<String> groupNames = json.texts("groups");
        for (int i = 0; i < groupNames.size(); i++) {
            String groupName = groupNames.get(i);
            GroupRecord group = account.findGroup(groupName).orElseThrow(() -> new IllegalArgumentException(
                    json.pathOf("groups") + ": group \"" + groupName + "\" is not declared in the world's \"groups\""));
            groups.join(user, group);
        }
    }

    private Tag tag(WorldNode tag) {
        tag.allowKeys("key", "value");
        return Tag.builder()
                .key(checked(tag, "key", InputRule.TAG_KEY, tag.requiredText("key")))
                .value(checked(tag, "value", InputRule.TAG_VALUE, tag.text("value").orElse("")))
                .build();
    }

    private LoginProfileRecord loginProfile(WorldNode profile) {
        profile.allowKeys("createDate", "passwordResetRequired", "unmodifiableForSeconds");
        Instant until = profile.nonNegativeWholeNumber("unmodifiableForSeconds")
                .map(seconds -> now.plus(Duration.ofSeconds(seconds)))
                .orElse(null);
        return new LoginProfileRecord(profile.instant("createDate").orElse(now),
                profile.bool("passwordResetRequired").orElse(false), until);
    }

    private void accessKey(UserState user, WorldNode key) {
        key.allowKeys("accessKeyId", "status", "createDate", "lastUsed");
        String id = key.text("accessKeyId")
                .map(given -> uniqueId(key, "accessKeyId", InputRule.ACCESS_KEY_ID, given))
                .orElseGet(account.ids::accessKeyId);
        LastUse lastUsed = key.object("lastUsed").map(used -> {
            used.allowKeys("date", "serviceName", "region");
            return new LastUse(used.instant("date").orElse(null), used.text("serviceName").orElse("N/A"),
                    used.text("region").orElse("N/A"));
        }).orElse(LastUse.NEVER);
        user.accessKeys.put(id, new AccessKeyRecord(id, status(key), key.instant("createDate").orElse(now), lastUsed,
                account.nextSequence()));
    }

    private void signingCertificate(UserState user, WorldNode cert) {
        cert.allowKeys("certificateId", "status", "uploadDate", "certificateBody");
        String id = cert.text("certificateId")
                .map(given -> uniqueId(cert, "certificateId", InputRule.CERTIFICATE_ID, given))
                .orElseGet(account.ids::certificateId);
        String body = cert.text("certificateBody")
                .orElse("-----BEGIN CERTIFICATE-----\n" + id + "\n-----END CERTIFICATE-----\n");
        user.signingCertificates.put(id, new SigningCertificateRecord(id, body, status(cert),
                cert.instant("uploadDate").orElse(now), account.nextSequence()));
    }

    private void sshPublicKey(UserState user, WorldNode key) {
        key.allowKeys("sshPublicKeyId", "status", "uploadDate", "sshPublicKeyBody");
        String id = key.text("sshPublicKeyId")
                .map(given -> uniqueId(key, "sshPublicKeyId", InputRule.SSH_PUBLIC_KEY_ID, given))
                .orElseGet(account.ids::sshPublicKeyId);
        String body = key.text("sshPublicKeyBody").orElse("ssh-rsa AAAAB3NzaC1yc2E" + id + " " + user.name());
        user.sshPublicKeys.put(id, new SshPublicKeyRecord(id, body, status(key), key.instant("uploadDate").orElse(now),
                account.nextSequence()));
    }

    private void serviceCredential(UserState user, WorldNode credential) {
        credential.allowKeys("serviceSpecificCredentialId", "serviceName", "serviceUserName", "status", "createDate",
                "expirationDate");
        String id = credential.text("serviceSpecificCredentialId")
                .map(given -> uniqueId(credential, "serviceSpecificCredentialId",
                        InputRule.SERVICE_SPECIFIC_CREDENTIAL_ID, given))
                .orElseGet(account.ids::serviceSpecificCredentialId);
        user.serviceCredentials.put(id, new ServiceCredentialRecord(id,
                credential.text("serviceName").orElse(DEFAULT_SERVICE),
                credential.text("serviceUserName").orElse(serviceCredentials.serviceUserName(user.name())),
                status(credential), credential.instant("createDate").orElse(now),
                credential.instant("expirationDate").orElse(null), account.nextSequence()));
    }

    /** A virtual device listed under a user is assigned to that user, created first if the world did not list it. */
    private void mfaDevice(UserState user, WorldNode device) {
        device.allowKeys("serialNumber", "enableDate");
        String serial = MfaDeviceRecord.isVirtual(device.requiredText("serialNumber"))
                ? virtualSerial(device)
                : checked(device, "serialNumber", InputRule.SERIAL_NUMBER, device.requiredText("serialNumber"));
        mfa.assignedOwner(serial).ifPresent(owner -> {
            throw device.fail("serialNumber", "MFA device \"" + serial + "\" is already assigned to user \"" + owner + "\"");
        });
        if (MfaDeviceRecord.isVirtual(serial) && !account.virtualMfaDevices.containsKey(serial)) {
            mfa.addVirtual(serial);
        }
        mfa.assign(user, serial, device.instant("enableDate").orElse(now));
    }

    private void role(WorldNode json) {
        json.allowKeys("roleName", "path", "roleId", "createDate", "assumeRolePolicyDocument", "inlinePolicies",
                "usableAfterSeconds");
        String name = checked(json, "roleName", InputRule.ROLE_NAME, json.requiredText("roleName"));
        if (account.findRole(name).isPresent()) {
            throw json.fail("roleName", "role \"" + name + "\" is declared twice");
        }
        if (json.raw("assumeRolePolicyDocument").isEmpty()) {
            throw json.fail("assumeRolePolicyDocument", "is required: the role's trust policy");
        }
        String trust = document(json, "assumeRolePolicyDocument");
        Instant usableAt = now.plus(Duration.ofSeconds(json.nonNegativeWholeNumber("usableAfterSeconds").orElse(0L)));
        RoleRecord role = account.addRole(path(json), name, json.text("roleId").orElse(null),
                json.instant("createDate").orElse(now), trust, usableAt);
        for (WorldNode policy : json.objects("inlinePolicies")) {
            policy.allowKeys("policyName", "policyDocument");
            String policyName = checked(policy, "policyName", InputRule.POLICY_NAME, policy.requiredText("policyName"));
            role.inlinePolicies.put(policyName, document(policy, "policyDocument"));
        }
    }

    private void inlinePolicy(UserState user, WorldNode policy) {
        policy.allowKeys("policyName", "policyDocument");
        String name = checked(policy, "policyName", InputRule.POLICY_NAME, policy.requiredText("policyName"));
        user.inlinePolicies.put(name, new InlinePolicyRecord(name, document(policy, "policyDocument")));
    }

    private static String document(WorldNode policy, String key) {
        return policy.raw(key).map(raw -> {
            if (raw.isObject()) {
                return PolicyDocuments.compact(raw);
            }
            if (raw.isTextual()) {
                try {
                    return PolicyDocuments.requireJsonObject(raw.textValue());
                } catch (RuntimeException malformed) {
                    throw policy.fail(key, "expected a JSON object (or a string holding one)");
                }
            }
            throw policy.fail(key, "expected a JSON object (or a string holding one), got "
                    + raw.getNodeType().name().toLowerCase(Locale.ROOT));
        }).orElse(DEFAULT_POLICY_DOCUMENT);
    }

    private void attachedPolicy(UserState user, WorldNode policy) {
        policy.allowKeys("policyArn");
        String arn = managedPolicyArn(policy);
        user.attachedPolicies.put(arn, new AttachedPolicyRecord(arn, account.nextSequence()));
    }

    private String virtualSerial(WorldNode device) {
        String serial = device.requiredText("serialNumber");
        String prefix = "arn:aws:iam::" + account.accountId + ":mfa/";
        if (!serial.startsWith(prefix) || InputRule.SERIAL_NUMBER.violatedConstraint(serial).isPresent()) {
            throw device.fail("serialNumber", "expected a virtual MFA device ARN \"" + prefix + "<name>\", got \""
                    + serial + "\"");
        }
        return serial;
    }

    private String path(WorldNode json) {
        return json.text("path").map(path -> checked(json, "path", InputRule.PATH, path)).orElse("/");
    }

    private String status(WorldNode json) {
        String status = json.text("status").orElse(StatusType.ACTIVE.toString());
        if (!status.equals(StatusType.ACTIVE.toString()) && !status.equals(StatusType.INACTIVE.toString())) {
            throw json.fail("status", "expected \"Active\" or \"Inactive\", got \"" + status + "\"");
        }
        return status;
    }

    private String uniqueId(WorldNode json, String key, InputRule rule, String id) {
        checked(json, key, rule, id);
        if (!credentialIds.add(id)) {
            throw json.fail(key, "id \"" + id + "\" is used twice");
        }
        account.ids.reserve(id);
        return id;
    }

    private static String checked(WorldNode json, String key, InputRule rule, String value) {
        rule.violatedConstraint(value).ifPresent(constraint -> {
            throw json.fail(key, "\"" + value + "\" " + constraint);
        });
        return value;
    }
}
