package dev.offboarding.listtokens;

import dev.offboarding.model.ActionDecision;
import dev.offboarding.model.AttachedPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;

/**
 * Whether a user can administer the account: AdministratorAccess or IAMFullAccess attached, or any of its policies
 * (inline, attached, or its groups', as IAM's own policy simulation evaluates them, within its permissions boundary)
 * allowing on every resource an action that lets a principal grant itself or another identity anything, or take one
 * over. A policy allowing {@code *} or {@code iam:*} allows all of them. Such a user is refused unless the request says
 * {@code "allowPrivileged": true}: removing an administrator (the break-glass user, whoever deployed the stack) by
 * mistake can lock a team out of its account.
 *
 * <p>Fails safe: the simulation runs as a signed-in person with MFA would act (so an administrator whose policies deny
 * everything without MFA is still one), a decision that depended on a condition value the simulation lacked counts as
 * allowed, and a simulation that did not answer for every action, or did not find the user, counts as privileged.
 */
final class Privileges {
    /** Each of these, allowed on every resource, is enough to take over the account. */
    static final List<String> ESCALATION_ACTIONS = List.of(
            "iam:AttachUserPolicy", "iam:PutUserPolicy", "iam:AttachGroupPolicy", "iam:PutGroupPolicy",
            "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion",
            "iam:UpdateAssumeRolePolicy", "iam:AddUserToGroup", "iam:CreateAccessKey", "iam:CreateLoginProfile",
            "iam:UpdateLoginProfile");
    /** The conditions an administrator's policies commonly demand: signed in with MFA, over TLS. */
    static final List<ContextEntry> AS_A_PERSON_WITH_MFA = List.of(
            ContextEntry.builder().contextKeyName("aws:MultiFactorAuthPresent").contextKeyType(ContextKeyTypeEnum.BOOLEAN)
                    .contextKeyValues("true").build(),
            ContextEntry.builder().contextKeyName("aws:MultiFactorAuthAge").contextKeyType(ContextKeyTypeEnum.NUMERIC)
                    .contextKeyValues("60").build(),
            ContextEntry.builder().contextKeyName("aws:SecureTransport").contextKeyType(ContextKeyTypeEnum.BOOLEAN)
                    .contextKeyValues("true").build());
    private static final Pattern ADMINISTERING_MANAGED_POLICY =
            Pattern.compile("arn:aws[a-z-]*:iam::aws:policy/(AdministratorAccess|IAMFullAccess)");

    private Privileges() {
    }

    /** How the user can administer the account, one sentence each; empty only when it provably cannot. */
    static List<String> reasons(List<AttachedPolicy> attached, Optional<List<ActionDecision>> simulation) {
        List<String> reasons = new ArrayList<>();
        for (AttachedPolicy policy : attached) {
            Matcher m = ADMINISTERING_MANAGED_POLICY.matcher(policy.policyArn());
            if (m.matches()) {
                reasons.add("the AWS managed policy " + m.group(1) + " is attached to it");
            }
        }
        if (simulation.isEmpty()) {
            reasons.add("IAM could not simulate its policies (it does not know the user yet), so it cannot be shown"
                    + " not to administer the account");
            return reasons;
        }
        List<String> allowed = new ArrayList<>();
        List<String> uncertain = new ArrayList<>();
        Set<String> by = new LinkedHashSet<>();
        Set<String> missing = new LinkedHashSet<>();
        Set<String> answered = new LinkedHashSet<>();
        for (ActionDecision decision : simulation.get()) {
            answered.add(decision.action());
            if (decision.allowed()) {
                allowed.add(decision.action());
                by.addAll(decision.matchedPolicies());
            } else if (decision.uncertain()) {
                uncertain.add(decision.action());
                missing.addAll(decision.missingContextValues());
            }
        }
        if (!allowed.isEmpty()) {
            reasons.add("its policies allow " + String.join(", ", allowed) + " on every resource"
                    + (by.isEmpty() ? "" : " (through " + String.join(", ", by) + ")"));
        }
        if (!uncertain.isEmpty()) {
            reasons.add("its policies may allow " + String.join(", ", uncertain) + " depending on "
                    + String.join(", ", missing) + ", which the simulation cannot know");
        }
        List<String> unanswered = ESCALATION_ACTIONS.stream().filter(a -> !answered.contains(a)).toList();
        if (!unanswered.isEmpty()) {
            reasons.add("IAM's simulation gave no answer for " + String.join(", ", unanswered)
                    + ", so they cannot be shown denied");
        }
        return reasons;
    }
}
