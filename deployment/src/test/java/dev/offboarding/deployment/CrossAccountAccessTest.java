package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Which roles of which accounts each function may assume, measured by evaluating its policy on probe roles: the two
 * member roles and another role, in listed accounts, in accounts of the organization, and in outsiders. Acting in
 * other accounts is opt-in: with neither OrganizationId nor MemberAccountIds no function may assume any member role.
 */
class CrossAccountAccessTest {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);
    private static final String READ = "iam-offboarding-read";
    private static final String WRITE = "iam-offboarding-write";
    /** In the organization, not listed. */
    private static final String MEMBER_C = "333333333333";
    /** In another organization. */
    private static final String OUTSIDER = "999999999999";
    /** The organizations of the probe accounts: MEMBER_B is listed but has left the organization. */
    private static final Map<String, String> ORGANIZATION_OF = Map.of(Deployments.MEMBER_A, Deployments.ORGANIZATION,
            MEMBER_C, Deployments.ORGANIZATION, OUTSIDER, "o-anotherorg01");
    private static final List<String> ACCOUNTS = List.of(Deployments.MEMBER_A, Deployments.MEMBER_B, MEMBER_C,
            OUTSIDER);
    private static final List<String> ROLES = List.of(READ, WRITE, "OrganizationAccountAccessRole");
    private static final List<String> FUNCTIONS = List.of("ListTokensFunction", "RemoveTokensFunction",
            "DeleteUserFunction", "CheckRoleUsableFunction", "StartOffboardingFunction", "SelectUsersFunction",
            "FleetRunFunction");

    /** role@account for every probe role the function may assume in another account. */
    static Map<String, Set<String>> assumable(Template deployed) {
        Map<String, Set<String>> assumable = new TreeMap<>();
        for (String function : FUNCTIONS) {
            Policy policy = new Policy(deployed.statements(function));
            Set<String> roles = new TreeSet<>();
            for (String account : ACCOUNTS) {
                Map<String, String> context = new HashMap<>();
                context.put("aws:ResourceAccount", account);
                if (ORGANIZATION_OF.containsKey(account)) {
                    context.put("aws:ResourceOrgID", ORGANIZATION_OF.get(account));
                }
                for (String role : ROLES) {
                    if (policy.allows(new Policy.Request(null, "sts:AssumeRole",
                            "arn:aws:iam::" + account + ":role/" + role, context))) {
                        roles.add(role + "@" + account);
                    }
                }
            }
            assumable.put(function, roles);
        }
        return assumable;
    }

    private static Map<String, Set<String>> expected(List<String> accounts) {
        Map<String, Set<String>> expected = new TreeMap<>();
        for (String function : FUNCTIONS) {
            expected.put(function, new TreeSet<>());
        }
        for (String account : accounts) {
            expected.get("ListTokensFunction").add(READ + "@" + account);
            expected.get("CheckRoleUsableFunction").add(READ + "@" + account);
            // A fleet run's selection only reads; its changes are the OffboardUser children's, through their roles.
            expected.get("SelectUsersFunction").add(READ + "@" + account);
            expected.get("RemoveTokensFunction").add(WRITE + "@" + account);
            expected.get("DeleteUserFunction").add(WRITE + "@" + account);
        }
        return expected;
    }

    /** The assumable roles in each way of deploying, against what each should allow. */
    static List<String> problems(String template) {
        Map<String, Map.Entry<Map<String, String>, List<String>>> deployments = new LinkedHashMap<>();
        deployments.put("home only", Map.entry(Deployments.homeOnly(), List.of()));
        deployments.put("member accounts", Map.entry(Deployments.memberAccounts(),
                List.of(Deployments.MEMBER_A, Deployments.MEMBER_B)));
        deployments.put("organization", Map.entry(Deployments.organization(), List.of(Deployments.MEMBER_A,
                MEMBER_C)));
        deployments.put("member accounts of the organization", Map.entry(
                Deployments.memberAccountsOfTheOrganization(), List.of(Deployments.MEMBER_A)));
        List<String> problems = new ArrayList<>();
        deployments.forEach((name, deployment) -> {
            Map<String, Set<String>> actual = assumable(Deployments.deployed(template, deployment.getKey()));
            Map<String, Set<String>> expected = expected(deployment.getValue());
            for (String function : FUNCTIONS) {
                Set<String> extra = new TreeSet<>(actual.get(function));
                extra.removeAll(expected.get(function));
                Set<String> missing = new TreeSet<>(expected.get(function));
                missing.removeAll(actual.get(function));
                if (!extra.isEmpty()) {
                    problems.add(name + ": " + function + " may assume " + extra);
                }
                if (!missing.isEmpty()) {
                    problems.add(name + ": " + function + " may not assume " + missing);
                }
            }
        });
        return problems;
    }

    @Test
    void eachFunctionMayAssumeOnlyItsMemberRoleAndOnlyInTheAccountsTheDeploymentNames() {
        assertEquals(List.of(), problems(TEMPLATE));
    }

    @Test
    void anAssumeRoleThatIsNotLimitedToTheNamedAccountsIsReported() {
        String broken = TEMPLATE.replace("""
                                Condition:
                                  StringEquals:
                                    aws:ResourceAccount: !If [HasMemberAccountIds, !Split [",", !Ref MemberAccountIds], !Ref AWS::NoValue]
                                    aws:ResourceOrgID: !If [HasOrganizationId, !Ref OrganizationId, !Ref AWS::NoValue]
                """, "");

        List<String> problems = problems(broken);

        assertTrue(problems.contains("member accounts: ListTokensFunction may assume [iam-offboarding-read@333333333333,"
                + " iam-offboarding-read@999999999999]"), problems.toString());
        assertTrue(problems.contains("organization: DeleteUserFunction may assume [iam-offboarding-write@222222222222,"
                + " iam-offboarding-write@999999999999]"), problems.toString());
    }

    @Test
    void theAssumeRoleOfBeforeIsReported() {
        // One role for every function, in any account, whatever the deployment says.
        String broken = TEMPLATE.replace("""
                            - !If
                              - ActsInMemberAccounts
                              - Sid: AssumeTheMemberWriteRole
                """, """
                            - Sid: ActInMemberAccounts
                              Effect: Allow
                              Action:
                                - sts:AssumeRole
                              Resource: !Sub arn:${AWS::Partition}:iam::*:role/${MemberReadRoleName}
                            - !If
                              - ActsInMemberAccounts
                              - Sid: AssumeTheMemberWriteRole
                """);

        List<String> problems = problems(broken);

        assertTrue(problems.contains("home only: DeleteUserFunction may assume [iam-offboarding-read@111111111111,"
                + " iam-offboarding-read@222222222222, iam-offboarding-read@333333333333,"
                + " iam-offboarding-read@999999999999]"), problems.toString());
    }

    @Test
    void aReadOnlyFunctionThatMayAssumeTheWriteRoleIsReported() {
        String listTokens = TEMPLATE.substring(TEMPLATE.indexOf("  ListTokensFunction:"),
                TEMPLATE.indexOf("  RemoveTokensFunction:"));
        String broken = TEMPLATE.replace(listTokens, listTokens.replace("${MemberReadRoleName}",
                "${MemberWriteRoleName}"));

        assertEquals(List.of("member accounts: ListTokensFunction may assume [iam-offboarding-write@111111111111,"
                        + " iam-offboarding-write@222222222222]",
                "member accounts: ListTokensFunction may not assume [iam-offboarding-read@111111111111,"
                        + " iam-offboarding-read@222222222222]",
                "organization: ListTokensFunction may assume [iam-offboarding-write@111111111111,"
                        + " iam-offboarding-write@333333333333]",
                "organization: ListTokensFunction may not assume [iam-offboarding-read@111111111111,"
                        + " iam-offboarding-read@333333333333]",
                "member accounts of the organization: ListTokensFunction may assume"
                        + " [iam-offboarding-write@111111111111]",
                "member accounts of the organization: ListTokensFunction may not assume"
                        + " [iam-offboarding-read@111111111111]"), problems(broken));
    }

    @Test
    void actingOnlyInItsOwnAccountEachFunctionIsGrantedWhatItsCodeCallsButTheMemberRoles() {
        Template deployed = Deployments.deployed(TEMPLATE, Deployments.homeOnly());
        for (String function : List.of("ListTokensFunction", "RemoveTokensFunction", "DeleteUserFunction")) {
            Set<String> called = new TreeSet<>(FunctionCode.of(deployed, function).calledActions());
            assertTrue(called.remove("sts:AssumeRole"), function + " can act in a member account");

            assertEquals(List.of(), LeastPrivilege.functionProblems(deployed, function, called));
        }
    }

    @Test
    void noStatementGrantsAResourceOfEveryAccountWithoutNamingTheAccounts() {
        for (Map<String, String> deployment : List.of(Deployments.homeOnly(), Deployments.memberAccounts(),
                Deployments.organization(), Deployments.memberAccountsOfTheOrganization())) {
            assertEquals(List.of(), LeastPrivilege.anyAccountProblems(Deployments.deployed(TEMPLATE, deployment)));
        }
    }

    @Test
    void aStatementOnEveryAccountIsReported() {
        String broken = TEMPLATE.replace("""
                                Condition:
                                  StringEquals:
                                    aws:ResourceAccount: !If [HasMemberAccountIds, !Split [",", !Ref MemberAccountIds], !Ref AWS::NoValue]
                                    aws:ResourceOrgID: !If [HasOrganizationId, !Ref OrganizationId, !Ref AWS::NoValue]
                """, "");

        assertEquals(List.of("ListTokensFunction: AssumeTheMemberReadRole grants arn:aws:iam::*:role/iam-offboarding-read"
                        + " in every account, with no aws:ResourceAccount or aws:ResourceOrgID condition",
                "RemoveTokensFunction: AssumeTheMemberWriteRole grants arn:aws:iam::*:role/iam-offboarding-write in every"
                        + " account, with no aws:ResourceAccount or aws:ResourceOrgID condition",
                "DeleteUserFunction: AssumeTheMemberWriteRole grants arn:aws:iam::*:role/iam-offboarding-write in every"
                        + " account, with no aws:ResourceAccount or aws:ResourceOrgID condition",
                "CheckRoleUsableFunction: AssumeTheMemberReadRole grants arn:aws:iam::*:role/iam-offboarding-read in"
                        + " every account, with no aws:ResourceAccount or aws:ResourceOrgID condition",
                "SelectUsersFunction: AssumeTheMemberReadRole grants arn:aws:iam::*:role/iam-offboarding-read in"
                        + " every account, with no aws:ResourceAccount or aws:ResourceOrgID condition"),
                LeastPrivilege.anyAccountProblems(Deployments.deployed(broken, Deployments.memberAccounts())));
    }

    @Test
    void theOrganizationIdAndTheMemberAccountsAreCheckedAsCloudFormationWould() {
        Template template = Template.parse(TEMPLATE);

        assertEquals(List.of("OrganizationId refuses \"*\" (AllowedPattern)"),
                Stack.refusals(template, Deployments.with(Deployments.homeOnly(), "OrganizationId", "*")));
        assertEquals(List.of("MemberAccountIds refuses \"*\" (AllowedPattern)"),
                Stack.refusals(template, Deployments.with(Deployments.homeOnly(), "MemberAccountIds", "*")));
        assertEquals(List.of("MemberAccountIds refuses \"111111111111, 222222222222\" (AllowedPattern)"),
                Stack.refusals(template, Deployments.with(Deployments.homeOnly(), "MemberAccountIds",
                        "111111111111, 222222222222")));
    }
}
