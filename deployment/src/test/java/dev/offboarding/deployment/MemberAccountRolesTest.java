package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * templates/member-account-role.yaml, deployed in a member account with the central stack's outputs, against the
 * central template and the functions' compiled code: each member role is trusted by exactly the functions whose
 * policy lets them assume it, and grants exactly the IAM actions those functions' code makes with its credentials
 * (a function that only probes the role, check-role-usable, makes none there); every action is scoped to the users
 * under the path, but the two that IAM authorizes on the group and on the MFA device.
 */
class MemberAccountRolesTest {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);
    private static final String MEMBER_TEMPLATE = Repository.read(
            Repository.ROOT.resolve("templates/member-account-role.yaml"));
    private static final String MEMBER = Deployments.MEMBER_A;
    private static final String USER_PATH = "/staff/";
    private static final List<String> FUNCTIONS = List.of("ListTokensFunction", "RemoveTokensFunction",
            "DeleteUserFunction", "CheckRoleUsableFunction", "StartOffboardingFunction", "SelectUsersFunction",
            "FleetRunFunction");
    /** The actions IAM authorizes on something else than the user, and the narrowest resource it allows for them. */
    static final Map<String, String> BEYOND_THE_USER = Map.of("iam:RemoveUserFromGroup", "group/*",
            "iam:DeleteVirtualMFADevice", "mfa/*");
    /**
     * The reads of the whole account (a fleet run's selection), which IAM authorizes on no resource (the Service
     * Authorization Reference lists none for them), so only on {@code "*"}.
     */
    static final Set<String> OF_THE_ACCOUNT = Set.of("iam:GenerateCredentialReport", "iam:GetAccountSummary",
            "iam:GetCredentialReport", "iam:ListUsers");
    private static final Pattern ROLE_OF = Pattern.compile("\\$\\{([A-Za-z0-9]+)Role\\.Arn}");

    /** The execution role CloudFormation gives a function of the central stack (SAM's {@code <Function>Role}). */
    static String functionRole(String function) {
        return "arn:aws:iam::" + Stack.ACCOUNT_ID + ":role/" + Stack.STACK_NAME + "-" + function + "Role-EXAMPLE";
    }

    static Template central(String template) {
        return Deployments.deployed(template, Deployments.with(Deployments.memberAccounts(), "UserPath", USER_PATH));
    }

    /** The member template deployed in {@link #MEMBER} with the central stack's outputs and parameters. */
    static Template member(Template central, String memberTemplate) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("ReadRoleTrustedArns", output(central, "MemberReadRoleTrustedArns"));
        parameters.put("WriteRoleTrustedArns", output(central, "MemberWriteRoleTrustedArns"));
        for (String shared : List.of("MemberReadRoleName", "MemberWriteRoleName", "UserPath")) {
            parameters.put(shared, central.parameterDefault(shared));
        }
        return Stack.in(MEMBER, Template.parse(memberTemplate), parameters).deployed();
    }

    /** An output of the central stack, with each function's role ARN as CloudFormation would give it. */
    static String output(Template central, String name) {
        Matcher m = ROLE_OF.matcher(central.root().path("Outputs").path(name).path("Value").asText());
        StringBuilder value = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(value, Matcher.quoteReplacement(functionRole(m.group(1))));
        }
        m.appendTail(value);
        return value.toString();
    }

    /** The functions of the central stack whose policy lets them assume the role of that name in a member account. */
    static Set<String> assumers(Template central, String roleName) {
        Set<String> functions = new TreeSet<>();
        for (String function : FUNCTIONS) {
            if (new Policy(central.statements(function)).allows(new Policy.Request(null, "sts:AssumeRole",
                    "arn:aws:iam::" + MEMBER + ":role/" + roleName, Map.of("aws:ResourceAccount", MEMBER)))) {
                functions.add(function);
            }
        }
        return functions;
    }

    /** The IAM actions a function's code makes in a member account: all of them if it acts through the role. */
    static Set<String> actionsThere(Template central, String function) {
        CalledActions.Calls calls = FunctionCode.of(central, function).calls();
        Set<String> actions = new TreeSet<>();
        if (calls.throughAssumedRole()) {
            calls.actions().stream().filter(a -> a.startsWith("iam:")).forEach(actions::add);
        }
        return actions;
    }

    static Map.Entry<String, JsonNode> roleNamed(Template member, String roleName) {
        for (Map.Entry<String, JsonNode> role : member.resources("AWS::IAM::Role").entrySet()) {
            if (roleName.equals(role.getValue().path("Properties").path("RoleName").asText())) {
                return role;
            }
        }
        return null;
    }

    static Policy permissions(JsonNode role) {
        List<JsonNode> statements = new ArrayList<>();
        for (JsonNode policy : role.path("Properties").path("Policies")) {
            statements.addAll(Policy.of(policy.path("PolicyDocument")).statements());
        }
        return new Policy(statements);
    }

    /** Each member role against the functions that assume it: who it trusts, and what it grants. */
    static List<String> memberRoleProblems(Template central, Template member) {
        List<String> problems = new ArrayList<>();
        for (String parameter : List.of("MemberReadRoleName", "MemberWriteRoleName")) {
            String roleName = central.parameterDefault(parameter);
            Map.Entry<String, JsonNode> role = roleNamed(member, roleName);
            if (role == null) {
                problems.add("the member template creates no role " + roleName + " (" + parameter + ")");
                continue;
            }
            String id = role.getKey();
            Set<String> assumers = assumers(central, roleName);
            if (assumers.isEmpty()) {
                problems.add("no function of the central stack may assume " + roleName);
            }
            Map<String, Set<String>> expected = new TreeMap<>();
            for (String function : assumers) {
                for (String action : actionsThere(central, function)) {
                    expected.computeIfAbsent(action, a -> new TreeSet<>()).add(function);
                }
            }
            Set<String> granted = new TreeSet<>(permissions(role.getValue()).allowedActions());
            for (String action : expected.keySet()) {
                if (!granted.contains(action)) {
                    problems.add(id + " is not granted " + action + ", which " + expected.get(action)
                            + " call there through it");
                }
            }
            for (String action : granted) {
                if (!expected.containsKey(action)) {
                    problems.add(id + " is granted " + action + ", which no function that assumes it (" + assumers
                            + ") calls there");
                }
            }
            Policy trust = Policy.of(role.getValue().path("Properties").path("AssumeRolePolicyDocument"));
            List<String> principals = new ArrayList<>();
            FUNCTIONS.forEach(f -> principals.add(functionRole(f)));
            principals.add("arn:aws:iam::" + Stack.ACCOUNT_ID + ":role/administrator");
            principals.add("arn:aws:iam::" + MEMBER + ":role/administrator");
            for (String principal : principals) {
                boolean trusted = trust.trusts(new Policy.Request(Policy.Principal.role(principal), "sts:AssumeRole",
                        "arn:aws:iam::" + MEMBER + ":role/" + roleName, Map.of()));
                boolean assumer = assumers.stream().anyMatch(f -> functionRole(f).equals(principal));
                if (trusted && !assumer) {
                    problems.add(id + " trusts " + principal + ", which is not the role of a function that assumes it");
                } else if (!trusted && assumer) {
                    problems.add(id + " does not trust " + principal + ", whose function assumes it");
                }
            }
        }
        return problems;
    }

    @Test
    void eachMemberRoleIsTrustedByAndGrantsExactlyWhatItsFunctionsNeed() {
        Template central = central(TEMPLATE);

        assertEquals(List.of(), memberRoleProblems(central, member(central, MEMBER_TEMPLATE)));
    }

    @Test
    void theReadRoleIsTheInventoryAndTheWriteRoleTheRemovalAndTheDelete() {
        Template central = central(TEMPLATE);

        assertEquals(Set.of("ListTokensFunction", "CheckRoleUsableFunction", "SelectUsersFunction"),
                assumers(central, "iam-offboarding-read"));
        assertEquals(Set.of("RemoveTokensFunction", "DeleteUserFunction"), assumers(central, "iam-offboarding-write"));
        assertEquals(Set.of(), actionsThere(central, "CheckRoleUsableFunction"),
                "check-role-usable only probes the role: it reads IAM with its own credentials");
        assertTrue(actionsThere(central, "ListTokensFunction").stream()
                .allMatch(a -> a.startsWith("iam:Get") || a.startsWith("iam:List")
                        || a.equals("iam:SimulatePrincipalPolicy")));
        assertTrue(actionsThere(central, "DeleteUserFunction").contains("iam:DeleteUser"));
    }

    @Test
    void aReadRoleThatMayRemoveIsReported() {
        Template central = central(TEMPLATE);
        Template broken = member(central, MEMBER_TEMPLATE.replace("""
                                  - iam:ListUserPolicies
                """, """
                                  - iam:ListUserPolicies
                                  - iam:DeleteAccessKey
                """));

        assertEquals(List.of("ReadRole is granted iam:DeleteAccessKey, which no function that assumes it"
                + " ([CheckRoleUsableFunction, ListTokensFunction, SelectUsersFunction]) calls there"),
                memberRoleProblems(central, broken));
    }

    @Test
    void aWriteRoleThatCannotDeleteTheUserIsReported() {
        Template central = central(TEMPLATE);
        Template broken = member(central, MEMBER_TEMPLATE.replace("                Action: iam:DeleteUser\n",
                "                Action: iam:GetUser\n"));

        assertEquals(List.of("WriteRole is not granted iam:DeleteUser, which [DeleteUserFunction] call there through it",
                "WriteRole is granted iam:GetUser, which no function that assumes it ([DeleteUserFunction,"
                        + " RemoveTokensFunction]) calls there"), memberRoleProblems(central, broken));
    }

    @Test
    void aCentralOutputThatTrustsAnotherFunctionIsReported() {
        Template central = central(TEMPLATE.replace(
                "[!GetAtt ListTokensFunctionRole.Arn, !GetAtt CheckRoleUsableFunctionRole.Arn, !GetAtt"
                        + " SelectUsersFunctionRole.Arn]",
                "[!GetAtt ListTokensFunctionRole.Arn, !GetAtt CheckRoleUsableFunctionRole.Arn, !GetAtt"
                        + " SelectUsersFunctionRole.Arn, !GetAtt RemoveTokensFunctionRole.Arn]"));

        assertEquals(List.of("ReadRole trusts " + functionRole("RemoveTokensFunction") + ", which is not the role of a"
                + " function that assumes it"), memberRoleProblems(central, member(central, MEMBER_TEMPLATE)));
    }

    @Test
    void aMemberRoleThatTrustsEveryoneIsReported() {
        Template central = central(TEMPLATE);
        Template broken = member(central, MEMBER_TEMPLATE.replace("              AWS: !Ref WriteRoleTrustedArns\n",
                "              AWS: \"*\"\n"));

        List<String> problems = memberRoleProblems(central, broken);

        assertTrue(problems.contains("WriteRole trusts " + functionRole("ListTokensFunction") + ", which is not the"
                + " role of a function that assumes it"), problems.toString());
        assertTrue(problems.contains("WriteRole trusts arn:aws:iam::111111111111:role/administrator, which is not the"
                + " role of a function that assumes it"), problems.toString());
    }

    @Test
    void theTrustedRoleParametersRefuseWildcards() {
        Template member = Template.parse(MEMBER_TEMPLATE);
        Map<String, String> parameters = Map.of("ReadRoleTrustedArns", functionRole("ListTokensFunction"),
                "WriteRoleTrustedArns", "*");

        assertEquals(List.of("WriteRoleTrustedArns refuses \"*\" (AllowedPattern)"), Stack.refusals(member, parameters));
        assertEquals(List.of("ReadRoleTrustedArns refuses \"arn:aws:iam::123456789012:root\" (AllowedPattern)"),
                Stack.refusals(member, Map.of("ReadRoleTrustedArns", "arn:aws:iam::123456789012:root",
                        "WriteRoleTrustedArns", functionRole("DeleteUserFunction"))));
    }

    // ---- names ----------------------------------------------------------------------------------------------------

    /** The names the functions, the workflow and the member template use for the two roles agree. */
    static List<String> nameProblems(String template, String memberTemplate) {
        Template central = central(template);
        Template raw = Template.parse(template);
        Template member = Template.parse(memberTemplate);
        List<String> problems = new ArrayList<>();
        for (String parameter : List.of("MemberReadRoleName", "MemberWriteRoleName", "UserPath")) {
            if (!raw.parameterDefault(parameter).equals(member.parameterDefault(parameter))) {
                problems.add(parameter + " defaults to \"" + raw.parameterDefault(parameter) + "\" in template.yaml and"
                        + " to \"" + member.parameterDefault(parameter) + "\" in the member template");
            }
        }
        for (String function : FUNCTIONS) {
            JsonNode variable = central.functions().get(function).path("Properties").path("Environment")
                    .path("Variables").path("OFFBOARDING_ROLE_NAME");
            Set<String> assumable = new TreeSet<>();
            for (String parameter : List.of("MemberReadRoleName", "MemberWriteRoleName")) {
                if (assumers(central, central.parameterDefault(parameter)).contains(function)) {
                    assumable.add(central.parameterDefault(parameter));
                }
            }
            boolean actsThrough = FunctionCode.of(central, function).calls().throughAssumedRole();
            if (actsThrough && (assumable.size() != 1 || !assumable.contains(variable.asText()))) {
                problems.add(function + " acts through OFFBOARDING_ROLE_NAME " + variable + " but may assume "
                        + assumable);
            }
            if (!actsThrough && !variable.isMissingNode()) {
                problems.add(function + " has OFFBOARDING_ROLE_NAME, which its code never uses to act");
            }
        }
        JsonNode checked = central.stateMachines().get("OffboardUserStateMachine").path("Properties")
                .path("DefinitionSubstitutions").path("OffboardingRoleName");
        JsonNode listTokensRole = central.functions().get("ListTokensFunction").path("Properties").path("Environment")
                .path("Variables").path("OFFBOARDING_ROLE_NAME");
        if (!checked.equals(listTokensRole)) {
            problems.add("the workflow's CheckRoleUsable checks " + checked + ", but list-tokens assumes "
                    + listTokensRole);
        }
        if (!assumers(central, checked.asText()).contains("CheckRoleUsableFunction")) {
            problems.add("check-role-usable may not assume " + checked + ", which the workflow has it check");
        }
        return problems;
    }

    @Test
    void theNamesOfTheTwoRolesAgreeEverywhere() {
        assertEquals(List.of(), nameProblems(TEMPLATE, MEMBER_TEMPLATE));
    }

    @Test
    void aWorkflowThatChecksTheWriteRoleIsReported() {
        String broken = TEMPLATE.replace("        OffboardingRoleName: !Ref MemberReadRoleName\n",
                "        OffboardingRoleName: !Ref MemberWriteRoleName\n");

        assertEquals(List.of("the workflow's CheckRoleUsable checks \"iam-offboarding-write\", but list-tokens assumes"
                + " \"iam-offboarding-read\"", "check-role-usable may not assume \"iam-offboarding-write\", which the"
                + " workflow has it check"), nameProblems(broken, MEMBER_TEMPLATE));
    }

    @Test
    void aMemberTemplateWithOtherDefaultNamesIsReported() {
        String broken = MEMBER_TEMPLATE.replace("    Default: iam-offboarding-write\n", "    Default: offboarding\n");

        assertEquals(List.of("MemberWriteRoleName defaults to \"iam-offboarding-write\" in template.yaml and to"
                + " \"offboarding\" in the member template"), nameProblems(TEMPLATE, broken));
    }

    @Test
    void aFunctionThatAssumesAnotherRoleThanItsCodeNamesIsReported() {
        String removeTokens = TEMPLATE.substring(TEMPLATE.indexOf("  RemoveTokensFunction:"),
                TEMPLATE.indexOf("  DeleteUserFunction:"));
        String broken = TEMPLATE.replace(removeTokens, removeTokens.replace(
                "OFFBOARDING_ROLE_NAME: !Ref MemberWriteRoleName", "OFFBOARDING_ROLE_NAME: !Ref MemberReadRoleName"));

        assertEquals(List.of("RemoveTokensFunction acts through OFFBOARDING_ROLE_NAME \"iam-offboarding-read\" but may"
                + " assume [iam-offboarding-write]"), nameProblems(broken, MEMBER_TEMPLATE));
    }

    @Test
    void theTwoRolesMustHaveDifferentNames() {
        Map<String, String> same = Deployments.with(Deployments.homeOnly(), "MemberWriteRoleName",
                "iam-offboarding-read");
        String rule = TEMPLATE.substring(TEMPLATE.indexOf("Rules:\n"), TEMPLATE.indexOf("Globals:\n"));

        assertFalse(Stack.refusals(Template.parse(TEMPLATE), same).isEmpty());
        assertEquals(List.of(), Stack.refusals(Template.parse(TEMPLATE.replace(rule, "")), same),
                "without the rule, one role would be both");
        assertFalse(Stack.refusals(Template.parse(MEMBER_TEMPLATE), Map.of("ReadRoleTrustedArns",
                functionRole("ListTokensFunction"), "WriteRoleTrustedArns", functionRole("DeleteUserFunction"),
                "MemberWriteRoleName", "iam-offboarding-read")).isEmpty());
    }

    // ---- scope ----------------------------------------------------------------------------------------------------

    static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";
    /**
     * The actions that could grant a user anything, allowed only to attach AWSDenyAll: the condition key that names
     * the policy each attaches.
     */
    static final Map<String, String> ONLY_WITH_DENY_ALL = Map.of("iam:AttachUserPolicy", "iam:PolicyARN",
            "iam:PutUserPermissionsBoundary", "iam:PermissionsBoundary");

    /**
     * Each IAM action a policy allows, tried on users in and out of the path and in another account: allowed on the
     * users under the path of its own account only; the actions IAM authorizes elsewhere on exactly their resource;
     * attaching a policy or setting a boundary with AWSDenyAll only.
     */
    static List<String> scopeProblems(String who, Policy policy, String account) {
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> users = new LinkedHashMap<>();
        users.put("arn:aws:iam::" + account + ":user" + USER_PATH + "bob", true);
        users.put("arn:aws:iam::" + account + ":user" + USER_PATH + "team/bob", true);
        users.put("arn:aws:iam::" + account + ":user/bob", false);
        users.put("arn:aws:iam::" + account + ":user/elsewhere/bob", false);
        users.put("arn:aws:iam::" + account + ":user/staffing/bob", false);
        users.put("arn:aws:iam::999999999999:user" + USER_PATH + "bob", false);
        users.put("arn:aws:iam::" + account + ":role" + USER_PATH + "bob", false);
        for (String action : new TreeSet<>(policy.allowedActions())) {
            if (!action.startsWith("iam:")) {
                continue;
            }
            Map<String, Boolean> probes = users;
            if (OF_THE_ACCOUNT.contains(action)) {
                probes = Map.of("*", true);
            } else if (BEYOND_THE_USER.containsKey(action)) {
                String kind = BEYOND_THE_USER.get(action).replace("/*", "");
                probes = new LinkedHashMap<>();
                probes.put("arn:aws:iam::" + account + ":" + kind + "/any" + kind, true);
                probes.put("arn:aws:iam::999999999999:" + kind + "/any" + kind, false);
                probes.put("arn:aws:iam::" + account + ":user" + USER_PATH + "bob", false);
            }
            String policyKey = ONLY_WITH_DENY_ALL.get(action);
            Map<String, String> context = policyKey == null ? Map.of() : Map.of(policyKey, DENY_ALL);
            probes.forEach((resource, allowed) -> {
                if (policy.allows(new Policy.Request(null, action, resource, context)) != allowed) {
                    problems.add(who + (allowed ? " may not " : " may ") + action + " on " + resource);
                }
                if (policyKey != null && policy.allows(new Policy.Request(null, action, resource,
                        Map.of(policyKey, "arn:aws:iam::aws:policy/AdministratorAccess")))) {
                    problems.add(who + " may " + action + " with AdministratorAccess on " + resource);
                }
            });
        }
        return problems;
    }

    static List<String> scopeProblems(String template, String memberTemplate) {
        Template central = central(template);
        List<String> problems = new ArrayList<>();
        for (String function : List.of("ListTokensFunction", "RemoveTokensFunction", "DeleteUserFunction",
                "SelectUsersFunction")) {
            problems.addAll(scopeProblems(function, new Policy(central.statements(function)), Stack.ACCOUNT_ID));
        }
        Template member = member(central, memberTemplate);
        member.resources("AWS::IAM::Role").forEach((id, role) ->
                problems.addAll(scopeProblems(id, permissions(role), MEMBER)));
        return problems;
    }

    @Test
    void everyActionIsScopedToTheUsersUnderThePathButTheTwoIamCannotScope() {
        assertEquals(List.of(), scopeProblems(TEMPLATE, MEMBER_TEMPLATE));
    }

    @Test
    void aMemberRoleThatMayRemoveAnyUsersCredentialsIsReported() {
        String write = MEMBER_TEMPLATE.substring(MEMBER_TEMPLATE.indexOf("  WriteRole:"));
        String broken = MEMBER_TEMPLATE.replace(write, write.replaceFirst(
                "user\\$\\{UserPath}\\*", "user/*"));

        List<String> problems = scopeProblems(TEMPLATE, broken);

        assertTrue(problems.contains("WriteRole may iam:DeleteAccessKey on arn:aws:iam::111111111111:user/elsewhere/bob"),
                problems.toString());
    }

    @Test
    void aRoleThatMayAttachAnyPolicyToTheUserIsReported() {
        String broken = TEMPLATE.replace("""
                              Condition:
                                ArnEquals:
                                  iam:PolicyARN: !Sub arn:${AWS::Partition}:iam::aws:policy/AWSDenyAll
                """, "");

        assertTrue(scopeProblems(broken, MEMBER_TEMPLATE).contains("RemoveTokensFunction may iam:AttachUserPolicy"
                + " with AdministratorAccess on arn:aws:iam::123456789012:user/staff/bob"),
                "without its condition, the right to deny would be the right to grant anything");
    }

    @Test
    void aFunctionThatMayDeleteUsersOutsideThePathIsReported() {
        String broken = TEMPLATE.replace("""
                                - iam:DeleteUser
                              Resource: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:user${UserPath}*
                """, """
                                - iam:DeleteUser
                              Resource: !Sub arn:${AWS::Partition}:iam::*:user/*
                """);

        assertEquals(List.of("DeleteUserFunction may iam:DeleteUser on arn:aws:iam::123456789012:user/bob",
                "DeleteUserFunction may iam:DeleteUser on arn:aws:iam::123456789012:user/elsewhere/bob",
                "DeleteUserFunction may iam:DeleteUser on arn:aws:iam::123456789012:user/staffing/bob",
                "DeleteUserFunction may iam:DeleteUser on arn:aws:iam::999999999999:user/staff/bob"),
                scopeProblems(broken, MEMBER_TEMPLATE));
    }

    @Test
    void aGroupActionGrantedOnEveryAccountsGroupsIsReported() {
        String broken = MEMBER_TEMPLATE.replace(
                "Resource: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:group/*", "Resource: arn:aws:iam::*:group/*");

        assertEquals(List.of("WriteRole may iam:RemoveUserFromGroup on arn:aws:iam::999999999999:group/anygroup"),
                scopeProblems(TEMPLATE, broken));
    }
}
