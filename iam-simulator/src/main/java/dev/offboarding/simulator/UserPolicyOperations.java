package dev.offboarding.simulator;

import java.util.List;

import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.PutUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.PutUserPolicyResponse;

/** Inline policies embedded in a user, and managed policies attached to one. */
final class UserPolicyOperations {

    static final int MAX_ATTACHED_PER_USER = 10;
    /** All of a user's inline policy documents together, white space not counted. */
    static final int MAX_INLINE_CHARACTERS_PER_USER = 2_048;
    private static final int MAX_DOCUMENT_LENGTH = 131_072;

    private final Account account;

    UserPolicyOperations(Account account) {
        this.account = account;
    }

    /** Names come back in alphabetical order, as IAM lists them. */
    ListUserPoliciesResponse listUserPolicies(ListUserPoliciesRequest request) {
        UserState user = account.requireUser(Inputs.check(InputRule.USER_NAME, request.userName()));
        Page<InlinePolicyRecord> page = account.paginator().page("ListUserPolicies", user.inlinePolicies.values(),
                InlinePolicyRecord::policyName, request.marker(), request.maxItems());
        return ListUserPoliciesResponse.builder()
                .policyNames(page.items().stream().map(InlinePolicyRecord::policyName).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    GetUserPolicyResponse getUserPolicy(GetUserPolicyRequest request) {
        String userName = Inputs.check(InputRule.USER_NAME, request.userName());
        String policyName = Inputs.check(InputRule.POLICY_NAME, request.policyName());
        UserState user = account.requireUser(userName);
        InlinePolicyRecord policy = requireInline(user, policyName);
        return GetUserPolicyResponse.builder()
                .userName(user.name())
                .policyName(policy.policyName())
                .policyDocument(PolicyDocuments.urlEncoded(policy.document()))
                .build();
    }

    PutUserPolicyResponse putUserPolicy(PutUserPolicyRequest request) {
        String userName = Inputs.check(InputRule.USER_NAME, request.userName());
        String policyName = Inputs.check(InputRule.POLICY_NAME, request.policyName());
        String document = Inputs.required("policyDocument", request.policyDocument());
        if (document.isEmpty() || document.length() > MAX_DOCUMENT_LENGTH) {
            throw IamErrors.validation("1 validation error detected: Value at 'policyDocument' failed to satisfy "
                    + "constraint: Member must have length between 1 and " + MAX_DOCUMENT_LENGTH);
        }
        PolicyDocuments.requireJsonObject(document);
        UserState user = account.requireUser(userName);
        InlinePolicyRecord policy = new InlinePolicyRecord(policyName, document);
        requireRoomFor(user, policy);
        user.inlinePolicies.put(policyName, policy);
        account.permissionsChanged(user);
        return PutUserPolicyResponse.builder().build();
    }

    DeleteUserPolicyResponse deleteUserPolicy(DeleteUserPolicyRequest request) {
        String userName = Inputs.check(InputRule.USER_NAME, request.userName());
        String policyName = Inputs.check(InputRule.POLICY_NAME, request.policyName());
        UserState user = account.requireUser(userName);
        requireInline(user, policyName);
        user.inlinePolicies.remove(policyName);
        account.removed(user, Blocker.inlinePolicy(policyName));
        account.permissionsChanged(user);
        return DeleteUserPolicyResponse.builder().build();
    }

    ListAttachedUserPoliciesResponse listAttachedUserPolicies(ListAttachedUserPoliciesRequest request) {
        UserState user = account.requireUser(Inputs.check(InputRule.USER_NAME, request.userName()));
        String pathPrefix = request.pathPrefix();
        List<AttachedPolicyRecord> matching = user.attachedPolicies.values().stream()
                .filter(policy -> pathPrefix == null || policy.policyPath().startsWith(pathPrefix))
                .toList();
        Page<AttachedPolicyRecord> page = account.paginator().page("ListAttachedUserPolicies", matching,
                policy -> Paginator.bySequence(policy.sequence()), request.marker(), request.maxItems());
        return ListAttachedUserPoliciesResponse.builder()
                .attachedPolicies(page.items().stream().map(AttachedPolicyRecord::toSdk).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    /** Any well-formed managed policy ARN is accepted; attaching twice is harmless, as in IAM. */
    AttachUserPolicyResponse attachUserPolicy(AttachUserPolicyRequest request) {
        String userName = Inputs.check(InputRule.USER_NAME, request.userName());
        String policyArn = Inputs.managedPolicyArn(request.policyArn());
        UserState user = account.requireUser(userName);
        if (!user.attachedPolicies.containsKey(policyArn)) {
            if (user.attachedPolicies.size() >= MAX_ATTACHED_PER_USER) {
                throw IamErrors.limitExceeded("PoliciesPerUser", MAX_ATTACHED_PER_USER);
            }
            user.attachedPolicies.put(policyArn, new AttachedPolicyRecord(policyArn, account.nextSequence()));
            account.permissionsChanged(user);
        }
        return AttachUserPolicyResponse.builder().build();
    }

    DetachUserPolicyResponse detachUserPolicy(DetachUserPolicyRequest request) {
        String userName = Inputs.check(InputRule.USER_NAME, request.userName());
        String policyArn = Inputs.managedPolicyArn(request.policyArn());
        UserState user = account.requireUser(userName);
        if (user.attachedPolicies.remove(policyArn) == null) {
            throw IamErrors.noSuchEntity("Policy " + policyArn + " is not attached to user " + user.name() + ".");
        }
        account.removed(user, Blocker.attachedPolicy(policyArn));
        account.permissionsChanged(user);
        return DetachUserPolicyResponse.builder().build();
    }

    /**
     * IAM's aggregate quota on a user's inline policies. {@code policy} replaces any policy of the same name, so that
     * one's document no longer counts.
     */
    static void requireRoomFor(UserState user, InlinePolicyRecord policy) {
        int total = PolicyDocuments.sizeAgainstQuota(policy.document());
        for (InlinePolicyRecord existing : user.inlinePolicies.values()) {
            if (!existing.policyName().equals(policy.policyName())) {
                total += PolicyDocuments.sizeAgainstQuota(existing.document());
            }
        }
        if (total > MAX_INLINE_CHARACTERS_PER_USER) {
            throw IamErrors.limitExceeded("Maximum policy size of " + MAX_INLINE_CHARACTERS_PER_USER
                    + " bytes exceeded for user " + user.name());
        }
    }

    private static InlinePolicyRecord requireInline(UserState user, String policyName) {
        InlinePolicyRecord policy = user.inlinePolicies.get(policyName);
        if (policy == null) {
            throw IamErrors.noSuchEntity("The user policy with name " + policyName + " cannot be found.");
        }
        return policy;
    }
}
