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

/**
 * Whether a user can administer the account: AdministratorAccess or IAMFullAccess attached, or any of its policies
 * (inline, attached, or its groups', as IAM's own policy simulation evaluates them) allowing an action that lets a
 * principal grant itself or a role anything. A policy allowing {@code *} or {@code iam:*} allows all of them; so does
 * one allowing only {@code iam:Put*}, which is as much an administrator. Such a user is refused unless the request
 * says {@code "allowPrivileged": true}: removing an administrator (the break-glass user, whoever deployed the stack)
 * by mistake can lock a team out of its account.
 */
final class Privileges {
    /** Each of these, allowed on every resource, is enough to take over the account. */
    static final List<String> ESCALATION_ACTIONS = List.of("iam:AttachUserPolicy", "iam:PutUserPolicy",
            "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:CreatePolicyVersion", "iam:UpdateAssumeRolePolicy");
    private static final Pattern ADMINISTERING_MANAGED_POLICY =
            Pattern.compile("arn:aws[a-z-]*:iam::aws:policy/(AdministratorAccess|IAMFullAccess)");

    private Privileges() {
    }

    /** How the user can administer the account, one sentence each; empty when it cannot. */
    static List<String> reasons(List<AttachedPolicy> attached, Optional<List<ActionDecision>> simulation) {
        List<String> reasons = new ArrayList<>();
        for (AttachedPolicy policy : attached) {
            Matcher m = ADMINISTERING_MANAGED_POLICY.matcher(policy.policyArn());
            if (m.matches()) {
                reasons.add("the AWS managed policy " + m.group(1) + " is attached to it");
            }
        }
        List<String> allowed = new ArrayList<>();
        Set<String> by = new LinkedHashSet<>();
        for (ActionDecision decision : simulation.orElse(List.of())) {
            if (decision.allowed()) {
                allowed.add(decision.action());
                by.addAll(decision.matchedPolicies());
            }
        }
        if (!allowed.isEmpty()) {
            reasons.add("its policies allow " + String.join(", ", allowed) + " on every resource"
                    + (by.isEmpty() ? "" : " (through " + String.join(", ", by) + ")"));
        }
        return reasons;
    }
}
