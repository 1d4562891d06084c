package dev.offboarding.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awssdk.services.iam.model.User;

/** Everything attached to one IAM user, plus the removals DeleteUser cannot see yet. */
final class UserState {

    /** Fixed but for the password's last use, which sign-ins move on. */
    UserIdentity identity;
    /** The managed policy that caps the user's permissions, or null. */
    String permissionsBoundaryArn;
    final Map<String, TagEntry> tags = new LinkedHashMap<>();
    LoginProfileRecord loginProfile;
    final Map<String, AccessKeyRecord> accessKeys = new LinkedHashMap<>();
    final Map<String, SigningCertificateRecord> signingCertificates = new LinkedHashMap<>();
    final Map<String, SshPublicKeyRecord> sshPublicKeys = new LinkedHashMap<>();
    final Map<String, ServiceCredentialRecord> serviceCredentials = new LinkedHashMap<>();
    final Map<String, MfaDeviceRecord> mfaDevices = new LinkedHashMap<>();
    final Map<String, InlinePolicyRecord> inlinePolicies = new TreeMap<>();
    final Map<String, AttachedPolicyRecord> attachedPolicies = new LinkedHashMap<>();
    /** Keyed by lower-cased group name, as IAM names are case-insensitive. */
    final Map<String, GroupMembership> groups = new LinkedHashMap<>();
    private final List<Tombstone> tombstones = new ArrayList<>();

    UserState(UserIdentity identity) {
        this.identity = identity;
    }

    String name() {
        return identity.userName();
    }

    List<TagEntry> tagList() {
        return List.copyOf(tags.values());
    }

    /** The user as GetUser and CreateUser answer with it. */
    User toSdk() {
        return identity.toSdk(tagList(), permissionsBoundaryArn);
    }

    /** What is attached right now, in the order DeleteUser checks it. */
    List<Blocker> currentBlockers() {
        List<Blocker> blockers = new ArrayList<>();
        if (loginProfile != null) {
            blockers.add(Blocker.loginProfile());
        }
        accessKeys.keySet().forEach(id -> blockers.add(Blocker.accessKey(id)));
        signingCertificates.keySet().forEach(id -> blockers.add(Blocker.signingCertificate(id)));
        sshPublicKeys.keySet().forEach(id -> blockers.add(Blocker.sshPublicKey(id)));
        serviceCredentials.values().forEach(c -> blockers.add(Blocker.serviceSpecificCredential(c)));
        mfaDevices.keySet().forEach(serial -> blockers.add(Blocker.mfaDevice(serial)));
        inlinePolicies.keySet().forEach(name -> blockers.add(Blocker.inlinePolicy(name)));
        attachedPolicies.keySet().forEach(arn -> blockers.add(Blocker.attachedPolicy(arn)));
        groups.values().forEach(m -> blockers.add(Blocker.groupMembership(m.groupName())));
        return blockers;
    }

    /** What DeleteUser sees: what is attached plus removals that have not become visible to it yet. */
    List<Blocker> blockersSeenByDeleteUser(Instant now) {
        tombstones.removeIf(t -> !t.stillVisibleAt(now));
        List<Blocker> seen = new ArrayList<>(currentBlockers());
        tombstones.forEach(t -> seen.add(t.blocker()));
        return seen;
    }

    void remember(Tombstone tombstone) {
        tombstones.add(tombstone);
    }
}
