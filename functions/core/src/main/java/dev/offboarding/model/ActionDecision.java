package dev.offboarding.model;

import java.util.List;

/**
 * One action of a policy simulation and IAM's decision: "allowed", "explicitDeny" or "implicitDeny", with the ids of
 * the policies whose statements decided it (IAM's MatchedStatements: a policy name or ARN; may be empty) and the
 * condition keys the policies test that the simulation was given no value for (then the decision is not certain).
 */
public record ActionDecision(String action, String decision, List<String> matchedPolicies,
                             List<String> missingContextValues) {
    public ActionDecision {
        matchedPolicies = matchedPolicies == null ? List.of() : List.copyOf(matchedPolicies);
        missingContextValues = missingContextValues == null ? List.of() : List.copyOf(missingContextValues);
    }

    public ActionDecision(String action, String decision) {
        this(action, decision, List.of(), List.of());
    }

    public boolean allowed() {
        return "allowed".equals(decision);
    }

    /** Denied only for want of a condition value: under other conditions it may be allowed. */
    public boolean uncertain() {
        return !allowed() && !missingContextValues.isEmpty();
    }
}
