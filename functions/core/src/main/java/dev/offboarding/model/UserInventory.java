package dev.offboarding.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything hanging on one IAM user, taken before anything is removed: the nine kinds of blocker with their
 * metadata, the non-blocking facts an audit record needs to re-create the user by hand, and the guard facts the
 * workflow branches on. It holds identifiers and dates only, never a secret.
 *
 * <p>A partial inventory (only some lists) is valid input for remove-tokens; absent lists are empty.
 *
 * <p>{@code execution} (optional) is the workflow execution that took the inventory (list-tokens copies the request's
 * {@code execution}). remove-tokens deletes an MFA device that is no longer assigned to the user only when the
 * inventory was taken by the same execution that asks for the removal: see remove-tokens' {@code MfaOwnership}.
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
        Instant takenAt,
        // Left out of the JSON while absent, so that an inventory without it reads and writes as before.
        @JsonInclude(JsonInclude.Include.NON_NULL) String execution) {

    /** An inventory that does not say which execution took it. */
    public UserInventory(String userName, boolean exists, UserDetails user, LoginProfile loginProfile,
                         List<AccessKey> accessKeys, List<SigningCertificate> signingCertificates,
                         List<SshPublicKey> sshPublicKeys, List<ServiceSpecificCredential> serviceSpecificCredentials,
                         List<MfaDevice> mfaDevices, List<InlinePolicy> inlinePolicies,
                         List<AttachedPolicy> attachedPolicies, List<GroupMembership> groups, Activity lastActivity,
                         boolean protectedUser, boolean recentlyActive, Instant takenAt) {
        this(userName, exists, user, loginProfile, accessKeys, signingCertificates, sshPublicKeys,
                serviceSpecificCredentials, mfaDevices, inlinePolicies, attachedPolicies, groups, lastActivity,
                protectedUser, recentlyActive, takenAt, null);
    }

    public UserInventory {
        accessKeys = listOf(accessKeys);
        signingCertificates = listOf(signingCertificates);
        sshPublicKeys = listOf(sshPublicKeys);
        serviceSpecificCredentials = listOf(serviceSpecificCredentials);
        mfaDevices = listOf(mfaDevices);
        inlinePolicies = listOf(inlinePolicies);
        attachedPolicies = listOf(attachedPolicies);
        groups = listOf(groups);
    }

    public static UserInventory absent(String userName, Instant takenAt) {
        return new UserInventory(userName, false, null, null, null, null, null, null, null, null, null, null, null,
                false, false, takenAt);
    }

    /** This inventory with the guard facts the workflow branches on. */
    public UserInventory withGuards(Activity lastActivity, boolean protectedUser, boolean recentlyActive) {
        return new UserInventory(userName, exists, user, loginProfile, accessKeys, signingCertificates, sshPublicKeys,
                serviceSpecificCredentials, mfaDevices, inlinePolicies, attachedPolicies, groups, lastActivity,
                protectedUser, recentlyActive, takenAt, execution);
    }

    /** This inventory, stamped with the execution that took it (null: none, e.g. a direct invocation). */
    public UserInventory withExecution(String execution) {
        return new UserInventory(userName, exists, user, loginProfile, accessKeys, signingCertificates, sshPublicKeys,
                serviceSpecificCredentials, mfaDevices, inlinePolicies, attachedPolicies, groups, lastActivity,
                protectedUser, recentlyActive, takenAt, execution);
    }

    /** How many items must go before DeleteUser can succeed. */
    @JsonProperty("blockerCount")
    public int blockerCount() {
        return (loginProfile == null ? 0 : 1) + accessKeys.size() + signingCertificates.size() + sshPublicKeys.size()
                + serviceSpecificCredentials.size() + mfaDevices.size() + inlinePolicies.size()
                + attachedPolicies.size() + groups.size();
    }

    /**
     * An unmodifiable copy. A null item is kept rather than failing the read, so that whoever checks the inventory
     * (remove-tokens) can name it by its place, e.g. {@code inventory.accessKeys[0] is null}.
     */
    private static <T> List<T> listOf(List<T> items) {
        return items == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(items));
    }
}
