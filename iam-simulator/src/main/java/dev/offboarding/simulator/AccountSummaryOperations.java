package dev.offboarding.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;

/**
 * GetAccountSummary: the account's entity counts and IAM's default quotas, under the SummaryMap keys IAM uses. Entities
 * the simulator does not model (server certificates, instance profiles, identity providers) count 0.
 */
final class AccountSummaryOperations {

    static final int USERS_QUOTA = 5000;

    private final Account account;

    AccountSummaryOperations(Account account) {
        this.account = account;
    }

    GetAccountSummaryResponse getAccountSummary(GetAccountSummaryRequest request) {
        Map<String, Integer> summary = new LinkedHashMap<>();
        summary.put("Users", account.users().size());
        summary.put("UsersQuota", USERS_QUOTA);
        summary.put("Groups", account.groupCount());
        summary.put("GroupsQuota", 300);
        summary.put("Roles", account.roleCount());
        summary.put("RolesQuota", 1000);
        summary.put("Policies", (int) account.managedPolicyDocuments.keySet().stream()
                .filter(arn -> !Inputs.isAwsManagedPolicyArn(arn)).count());
        summary.put("PoliciesQuota", 1500);
        summary.put("PolicyVersionsInUse", policyAttachments());
        summary.put("PolicyVersionsInUseQuota", 10000);
        summary.put("VersionsPerPolicyQuota", 5);
        summary.put("PolicySizeQuota", 6144);
        summary.put("MFADevices", mfaDevices());
        summary.put("MFADevicesInUse", account.users().stream().mapToInt(u -> u.mfaDevices.size()).sum());
        summary.put("AccountMFAEnabled", 0);
        summary.put("AccountAccessKeysPresent", 0);
        summary.put("AccountSigningCertificatesPresent", 0);
        summary.put("AccessKeysPerUserQuota", AccessKeyOperations.MAX_KEYS_PER_USER);
        summary.put("SigningCertificatesPerUserQuota", 2);
        summary.put("UserPolicySizeQuota", UserPolicyOperations.MAX_INLINE_CHARACTERS_PER_USER);
        summary.put("GroupPolicySizeQuota", 5120);
        summary.put("RolePolicySizeQuota", 10240);
        summary.put("GroupsPerUserQuota", 10);
        summary.put("AttachedPoliciesPerUserQuota", 10);
        summary.put("AttachedPoliciesPerGroupQuota", 10);
        summary.put("AttachedPoliciesPerRoleQuota", 10);
        summary.put("AssumeRolePolicySizeQuota", 2048);
        summary.put("ServerCertificates", 0);
        summary.put("ServerCertificatesQuota", 20);
        summary.put("InstanceProfiles", 0);
        summary.put("InstanceProfilesQuota", 1000);
        summary.put("Providers", 0);
        summary.put("GlobalEndpointTokenVersion", 1);
        return GetAccountSummaryResponse.builder().summaryMapWithStrings(summary).build();
    }

    /** Virtual devices are the account's own entities; hardware and FIDO devices count while assigned. */
    private int mfaDevices() {
        int assignedOthers = (int) account.users().stream().flatMap(u -> u.mfaDevices.keySet().stream())
                .filter(serial -> !MfaDeviceRecord.isVirtual(serial)).count();
        return account.virtualMfaDevices.size() + assignedOthers;
    }

    private int policyAttachments() {
        int users = account.users().stream().mapToInt(u -> u.attachedPolicies.size()).sum();
        int groups = account.groupAttachedPolicies.values().stream().mapToInt(java.util.List::size).sum();
        return users + groups;
    }
}
