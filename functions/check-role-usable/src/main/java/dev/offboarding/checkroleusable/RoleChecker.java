package dev.offboarding.checkroleusable;

import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.StsGateway;
import dev.offboarding.model.ActionDecision;
import dev.offboarding.model.RoleDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs the requested checks of one role once, in {@link RoleCheck} order, and stops at the first that fails.
 * Every check is one fresh call: nothing is cached between checks, because a cached answer would hide exactly the
 * disagreement between replicas that repeated checks are meant to catch.
 */
final class RoleChecker {
    private final IamGateway iam;
    private final StsGateway sts;

    RoleChecker(IamGateway iam, StsGateway sts) {
        this.iam = iam;
        this.sts = sts;
    }

    /** What failed, if anything; {@code passed} receives each check that passed. */
    Optional<Failure> run(RoleTarget role, WaitForRoleRequest request, List<RoleCheck> passed) {
        Optional<RoleDetails> details = Optional.empty();
        for (RoleCheck check : RoleCheck.values()) {
            if (!request.checks().contains(check)) {
                continue;
            }
            if ((check == RoleCheck.EXISTS || check == RoleCheck.TRUSTS) && details.isEmpty()) {
                details = iam.role(role.name());
                if (details.isEmpty()) {
                    return Optional.of(new Failure(check, "iam:GetRole does not find role " + role.name()
                            + " (NoSuchEntity)"));
                }
            }
            Optional<String> problem = switch (check) {
                case EXISTS -> Optional.empty();
                case TRUSTS -> TrustPolicy.parse(details.get().trustPolicy()).allows(request.trustedPrincipal())
                        ? Optional.empty()
                        : Optional.of("its trust policy does not allow " + request.trustedPrincipal()
                        + " to call sts:AssumeRole");
                case ALLOWS_ACTIONS -> actionsProblem(role, request.actions());
                case ASSUMABLE -> {
                    StsGateway.AssumeRoleAttempt attempt = sts.tryAssumeRole(role.arn(), request.session());
                    yield attempt.assumed() ? Optional.empty()
                            : Optional.of("sts:AssumeRole by this function was refused (" + attempt.denial() + ")");
                }
            };
            if (problem.isPresent()) {
                return Optional.of(new Failure(check, problem.get()));
            }
            passed.add(check);
        }
        return Optional.empty();
    }

    private Optional<String> actionsProblem(RoleTarget role, List<String> actions) {
        Optional<List<ActionDecision>> decisions = iam.simulate(role.arn(), actions);
        if (decisions.isEmpty()) {
            return Optional.of("iam:SimulatePrincipalPolicy does not find role " + role.name() + " (NoSuchEntity)");
        }
        List<ActionDecision> refused = new ArrayList<>(decisions.get().stream().filter(d -> !d.allowed()).toList());
        List<String> answered = decisions.get().stream().map(ActionDecision::action).toList();
        actions.stream().filter(a -> !answered.contains(a)).forEach(a -> refused.add(new ActionDecision(a, "notEvaluated")));
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("iam:SimulatePrincipalPolicy does not allow " + refused.stream()
                .map(d -> d.action() + " (" + d.decision() + ")").collect(Collectors.joining(", ")));
    }

    record Failure(RoleCheck check, String reason) {
    }
}
