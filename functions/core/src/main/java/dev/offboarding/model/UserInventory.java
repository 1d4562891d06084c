package dev.offboarding.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Everything hanging on one IAM user, taken before anything is removed: the nine kinds of blocker with their
 * metadata, the non-blocking facts an audit record needs to re-create the user by hand, and the guard facts the
 * workflow branches on. It holds identifiers and dates only, never a secret.
 *
 * <p>{@code privileged}: the user can administer the account, and {@code privilegeReasons} say how. {@code execution}
 * is the workflow execution that took the inventory (remove-tokens trusts an item no longer listed for the user only
 * when it was recorded by the same execution).
 *
 * <p>A partial inventory (only some lists) is valid input for remove-tokens; absent lists are empty.
 */
@JsonIgnoreProperties(value = "blockerCount", allowGetters = true)
public record UserInventory(
        String userName,
        // A partial inventory may leave out the flags: absent reads as false, as the lists read as empty.
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean exists,
        UserDetails user,
        LoginProfile loginProfile,
        List<AccessKey> accessKeys,
        List<SigningCertificate> signingCertificates,
        List<SshPublicKey> sshPublicKeys,
        List<ServiceSpecificCredential> serviceSpecificCredentials,
        List<MfaDevice> mfaDevices,
        List<InlinePolicy> inlinePolicies,
        List<AttachedPolicy> attachedPolicies,
        List<GroupMembership> groups,
        Activity lastActivity,
        @JsonProperty("protected") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean protectedUser,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean recentlyActive,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean privileged,
        List<String> privilegeReasons,
        Instant takenAt,
        String execution) {

    public UserInventory {
        accessKeys = listOf(accessKeys);
        signingCertificates = listOf(signingCertificates);
        sshPublicKeys = listOf(sshPublicKeys);
        serviceSpecificCredentials = listOf(serviceSpecificCredentials);
        mfaDevices = listOf(mfaDevices);
        inlinePolicies = listOf(inlinePolicies);
        attachedPolicies = listOf(attachedPolicies);
        groups = listOf(groups);
        privilegeReasons = listOf(privilegeReasons);
    }

    public static UserInventory absent(String userName, Instant takenAt) {
        return new UserInventory(userName, false, null, null, null, null, null, null, null, null, null, null, null,
                false, false, false, null, takenAt, null);
    }

    /** This inventory with the guard facts the workflow branches on. */
    public UserInventory withGuards(Activity lastActivity, boolean protectedUser, boolean recentlyActive,
                                    List<String> privilegeReasons) {
        return new UserInventory(userName, exists, user, loginProfile, accessKeys, signingCertificates, sshPublicKeys,
                serviceSpecificCredentials, mfaDevices, inlinePolicies, attachedPolicies, groups, lastActivity,
                protectedUser, recentlyActive, !privilegeReasons.isEmpty(), privilegeReasons, takenAt, execution);
    }

    /**
     * This inventory, stamped with the execution that took it (null outside a workflow). remove-tokens deletes an MFA
     * device no longer assigned to the user only when the same execution took the inventory: see its MfaOwnership.
     */
    public UserInventory withExecution(String execution) {
        return new UserInventory(userName, exists, user, loginProfile, accessKeys, signingCertificates, sshPublicKeys,
                serviceSpecificCredentials, mfaDevices, inlinePolicies, attachedPolicies, groups, lastActivity,
                protectedUser, recentlyActive, privileged, privilegeReasons, takenAt, execution);
    }

    /**
     * This inventory with the virtual MFA devices an earlier run's unfinished record found assigned to the user and
     * IAM no longer lists for them ({@code serials} not among {@link #mfaDevices}), each marked as recovered from
     * {@code execution}: that run deactivated them and stopped before deleting them. A user that does not exist
     * keeps no device.
     */
    public UserInventory withRecovered(List<String> serials, String execution) {
        if (!exists || serials.isEmpty()) {
            return this;
        }
        List<MfaDevice> devices = new java.util.ArrayList<>(mfaDevices);
        java.util.Set<String> listed = new java.util.HashSet<>();
        mfaDevices.forEach(device -> listed.add(device.serialNumber()));
        serials.stream().filter(listed::add).map(serial -> MfaDevice.recovered(serial, execution)).forEach(devices::add);
        return new UserInventory(userName, exists, user, loginProfile, accessKeys, signingCertificates, sshPublicKeys,
                serviceSpecificCredentials, devices, inlinePolicies, attachedPolicies, groups, lastActivity,
                protectedUser, recentlyActive, privileged, privilegeReasons, takenAt, execution());
    }

    /** How many items must go before DeleteUser can succeed. */
    @JsonProperty("blockerCount")
    public int blockerCount() {
        return Arrays.stream(BlockerKind.values()).mapToInt(kind -> kind.count(this)).sum();
    }

    /** Every kind of blocker in {@link BlockerKind}'s order, each with this inventory's items of it (maybe none). */
    @JsonIgnore
    public List<BlockerItems<?>> blockers() {
        return Arrays.stream(BlockerKind.values()).<BlockerItems<?>>map(kind -> kind.itemsOf(this)).toList();
    }

    /**
     * An unmodifiable copy. A null item is kept rather than failing the read, so that whoever checks the inventory
     * (remove-tokens) can name it by its place, e.g. {@code inventory.accessKeys[0] is null}.
     */
    private static <T> List<T> listOf(List<T> items) {
        return items == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(items));
    }

    /** The blockers list-tokens found, kind by kind: each kind's {@link Blocker} puts its items here. */
    public static final class Found {
        LoginProfile loginProfile;
        List<AccessKey> accessKeys;
        List<SigningCertificate> signingCertificates;
        List<SshPublicKey> sshPublicKeys;
        List<ServiceSpecificCredential> serviceSpecificCredentials;
        List<MfaDevice> mfaDevices;
        List<InlinePolicy> inlinePolicies;
        List<AttachedPolicy> attachedPolicies;
        List<GroupMembership> groups;

        /** The inventory of the user that exists, with these blockers and no guard facts yet. */
        public UserInventory of(String userName, UserDetails user, Instant takenAt) {
            return new UserInventory(userName, true, user, loginProfile, accessKeys, signingCertificates,
                    sshPublicKeys, serviceSpecificCredentials, mfaDevices, inlinePolicies, attachedPolicies, groups,
                    null, false, false, false, null, takenAt, null);
        }
    }
}
