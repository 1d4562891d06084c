package dev.offboarding.model;

import java.util.List;

/**
 * One action of a policy simulation and IAM's decision: "allowed", "explicitDeny" or "implicitDeny", with the ids of
 * the policies whose statements decided it (IAM's MatchedStatements: a policy name or ARN; may be empty).
 */
public record ActionDecision(String action, String decision, List<String> matchedPolicies) {
    public ActionDecision {
        matchedPolicies = matchedPolicies == null ? List.of() : List.copyOf(matchedPolicies);
    }

    public ActionDecision(String action, String decision) {
        this(action, decision, List.of());
    }

    public boolean allowed() {
        return "allowed".equals(decision);
    }
}
