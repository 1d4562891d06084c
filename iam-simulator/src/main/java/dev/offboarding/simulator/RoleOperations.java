package dev.offboarding.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.DeleteRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteRoleResponse;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;

/** Roles: create, read, give inline policies, delete, and the policy simulator for them. */
final class RoleOperations {

    private final Account account;

    RoleOperations(Account account) {
        this.account = account;
    }

    CreateRoleResponse createRole(CreateRoleRequest request) {
        String name = Inputs.check(InputRule.ROLE_NAME, request.roleName());
        String path = Inputs.pathOrRoot(request.path());
        String trust = PolicyDocuments.requireJsonObject(Inputs.required("assumeRolePolicyDocument",
                request.assumeRolePolicyDocument()));
        if (account.findRole(name).isPresent()) {
            throw IamErrors.alreadyExists("Role with name " + name + " already exists.");
        }
        RoleRecord role = account.addRole(path, name, null, account.now(), trust,
                account.now().plus(account.newRolesUsableAfter));
        return CreateRoleResponse.builder().role(role.toSdk()).build();
    }

    GetRoleResponse getRole(GetRoleRequest request) {
        RoleRecord role = account.requireRole(Inputs.check(InputRule.ROLE_NAME, request.roleName()));
        return GetRoleResponse.builder().role(role.toSdk()).build();
    }

    PutRolePolicyResponse putRolePolicy(PutRolePolicyRequest request) {
        RoleRecord role = account.requireRole(Inputs.check(InputRule.ROLE_NAME, request.roleName()));
        String name = Inputs.check(InputRule.POLICY_NAME, request.policyName());
        role.inlinePolicies.put(name, PolicyDocuments.requireJsonObject(
                Inputs.required("policyDocument", request.policyDocument())));
        return PutRolePolicyResponse.builder().build();
    }

    DeleteRoleResponse deleteRole(DeleteRoleRequest request) {
        RoleRecord role = account.requireRole(Inputs.check(InputRule.ROLE_NAME, request.roleName()));
        if (!role.inlinePolicies.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
        }
        account.removeRole(role);
        return DeleteRoleResponse.builder().build();
    }

    /**
     * Evaluates the principal's identity policies for each action: a role's inline policies; a user's inline and
     * attached policies and those of its groups (documents of managed policies the simulator knows). Resources,
     * conditions and permissions boundaries are not modelled. MatchedStatements name the policies that decided.
     * Answers every action in one page.
     */
    SimulatePrincipalPolicyResponse simulatePrincipalPolicy(SimulatePrincipalPolicyRequest request) {
        String source = Inputs.required("policySourceArn", request.policySourceArn());
        if (!request.hasActionNames() || request.actionNames().isEmpty()) {
            throw IamErrors.validation("1 validation error detected: Value null at 'actionNames' failed to satisfy"
                    + " constraint: Member must not be null");
        }
        Map<String, String> documents = source.contains(":user/") ? userPolicies(source) : rolePolicies(source);
        Map<String, List<String>> context = new LinkedHashMap<>();
        if (request.hasContextEntries()) {
            request.contextEntries().forEach(e -> context.put(e.contextKeyName().toLowerCase(Locale.ROOT),
                    List.copyOf(e.contextKeyValues())));
        }
        List<EvaluationResult> results = new ArrayList<>();
        for (String action : request.actionNames()) {
            Set<String> missing = new LinkedHashSet<>();
            PolicyEvaluation.Decision overall = PolicyEvaluation.decide(documents.values(), action, context, missing);
            PolicyEvaluationDecisionType decision = switch (overall) {
                case ALLOWED -> PolicyEvaluationDecisionType.ALLOWED;
                case EXPLICIT_DENY -> PolicyEvaluationDecisionType.EXPLICIT_DENY;
                case IMPLICIT_DENY -> PolicyEvaluationDecisionType.IMPLICIT_DENY;
            };
            List<Statement> matched = new ArrayList<>();
            if (overall != PolicyEvaluation.Decision.IMPLICIT_DENY) {
                documents.forEach((id, document) -> {
                    if (PolicyEvaluation.decide(List.of(document), action, context, new LinkedHashSet<>()) == overall) {
                        matched.add(Statement.builder().sourcePolicyId(id).build());
                    }
                });
            }
            results.add(EvaluationResult.builder().evalActionName(action).evalResourceName("*")
                    .evalDecision(decision).matchedStatements(matched).missingContextValues(missing).build());
        }
        return SimulatePrincipalPolicyResponse.builder().evaluationResults(results).isTruncated(false).build();
    }

    private Map<String, String> rolePolicies(String source) {
        String roleName = source.substring(source.lastIndexOf('/') + 1);
        if (!PolicyEvaluation.accountOfRoleArn(source).map(account.accountId::equals).orElse(false)) {
            throw IamErrors.invalidInput("Invalid ARN for the policy source: " + source
                    + " (the simulator simulates users and roles of its own account)");
        }
        RoleRecord role = account.findRole(roleName).filter(r -> r.arn.equals(source))
                .orElseThrow(() -> IamErrors.noSuchEntity("The role with name " + roleName + " cannot be found."));
        return new LinkedHashMap<>(role.inlinePolicies);
    }

    private Map<String, String> userPolicies(String source) {
        String userName = source.substring(source.lastIndexOf('/') + 1);
        UserState user = account.findUser(userName).filter(u -> u.identity.arn().equals(source))
                .orElseThrow(() -> IamErrors.noSuchEntity("The user with name " + userName + " cannot be found."));
        Map<String, String> documents = new LinkedHashMap<>();
        user.inlinePolicies.values().forEach(p -> documents.put(p.policyName(), p.document()));
        user.attachedPolicies.keySet().forEach(arn -> managed(arn, documents));
        for (GroupMembership membership : user.groups.values()) {
            String group = membership.groupName().toLowerCase(Locale.ROOT);
            account.groupInlinePolicies.getOrDefault(group, Map.of()).forEach(documents::put);
            account.groupAttachedPolicies.getOrDefault(group, List.of()).forEach(arn -> managed(arn, documents));
        }
        return documents;
    }

    private void managed(String arn, Map<String, String> documents) {
        account.managedPolicyDocument(arn).ifPresent(document -> documents.put(arn, document));
    }
}
