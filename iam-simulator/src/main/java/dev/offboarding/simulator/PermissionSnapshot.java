package dev.offboarding.simulator;

import java.time.Instant;
import java.util.List;

/**
 * A user's permissions as one change left them: the documents of every identity policy that applies to the user
 * (inline, attached, and those of its groups; managed policies whose documents the simulator does not know grant
 * nothing and are left out), its permissions boundary, and whether the user exists at all.
 *
 * @param takenAt          when the change was made; {@link Instant#MIN} for the state a user started with
 * @param boundaryArn      the permissions boundary, or null when none is set
 * @param boundaryDocument its document, or null when the simulator does not know it (it then allows nothing)
 */
record PermissionSnapshot(Instant takenAt, boolean userExists, List<String> identityPolicies, String boundaryArn,
                          String boundaryDocument) {

    PermissionSnapshot {
        identityPolicies = List.copyOf(identityPolicies);
    }

    static PermissionSnapshot deleted(Instant at) {
        return new PermissionSnapshot(at, false, List.of(), null, null);
    }

    /**
     * IAM's evaluation for a principal's own request: an explicit Deny in any identity policy or in the boundary
     * denies; otherwise the request is allowed when some identity policy allows it and, when a boundary is set, the
     * boundary allows it too.
     */
    PolicyEvaluation.Decision decide(String action) {
        PolicyEvaluation.Decision identity = PolicyEvaluation.decide(identityPolicies, action);
        if (identity == PolicyEvaluation.Decision.EXPLICIT_DENY || boundaryArn == null) {
            return identity;
        }
        PolicyEvaluation.Decision boundary = boundaryDocument == null ? PolicyEvaluation.Decision.IMPLICIT_DENY
                : PolicyEvaluation.decide(List.of(boundaryDocument), action);
        if (boundary == PolicyEvaluation.Decision.EXPLICIT_DENY) {
            return boundary;
        }
        return identity == PolicyEvaluation.Decision.ALLOWED && boundary == PolicyEvaluation.Decision.ALLOWED
                ? PolicyEvaluation.Decision.ALLOWED : PolicyEvaluation.Decision.IMPLICIT_DENY;
    }
}
