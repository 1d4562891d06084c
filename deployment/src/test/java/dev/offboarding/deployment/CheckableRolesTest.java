package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The roles the wait-for-role workflow may inspect and assume (CheckableRoleArnPattern): by default only the roles
 * under /provisioned/ of the stack's own account; a pattern names one account and cannot mean every role of it.
 */
class CheckableRolesTest {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);
    private static final String HOME = Stack.ACCOUNT_ID;

    /** Patterns that mean every account, or every role of an account. */
    private static final List<String> TOO_BROAD = List.of("*", "arn:aws:iam::*:role/*",
            "arn:aws:iam::*:role/provisioned/*", "arn:aws:iam::123456789012:role/*", "arn:aws:iam::123456789012:*",
            "arn:aws:iam::12345678901?:role/provisioned/*", "arn:aws:iam::123456789012:role/?*",
            "arn:aws:iam::123456789012:role*",
            // A wildcard after a single letter of a top-level name reaches every path that starts with it too,
            // aws-reserved/ (SSO's roles) included; so does one inside a path.
            "arn:aws:iam::123456789012:role/a*", "arn:aws:iam::123456789012:role/provisioned/*/admin");

    static List<String> parameterProblems(Template template) {
        List<String> problems = new ArrayList<>();
        for (String pattern : TOO_BROAD) {
            if (Stack.refusals(template, Deployments.with(Deployments.homeOnly(), "CheckableRoleArnPattern", pattern))
                    .isEmpty()) {
                problems.add("CheckableRoleArnPattern accepts \"" + pattern + "\"");
            }
        }
        for (String pattern : List.of("arn:aws:iam::210987654321:role/provisioned/*",
                "arn:aws:iam::123456789012:role/deployer", "arn:aws-us-gov:iam::123456789012:role/ci/deployer-*")) {
            List<String> refusals = Stack.refusals(template,
                    Deployments.with(Deployments.homeOnly(), "CheckableRoleArnPattern", pattern));
            if (!refusals.isEmpty()) {
                problems.add("CheckableRoleArnPattern refuses \"" + pattern + "\": " + refusals);
            }
        }
        return problems;
    }

    /** What check-role-usable may inspect (iam:GetRole) and assume, against what it should. */
    static List<String> accessProblems(Template deployed, Map<String, Boolean> roles) {
        Policy policy = new Policy(deployed.statements("CheckRoleUsableFunction"));
        List<String> problems = new ArrayList<>();
        roles.forEach((role, expected) -> {
            String account = role.split(":")[4];
            for (String action : List.of("iam:GetRole", "iam:SimulatePrincipalPolicy", "sts:AssumeRole")) {
                boolean may = policy.allows(new Policy.Request(null, action, role,
                        Map.of("aws:ResourceAccount", account)));
                if (may != expected) {
                    problems.add("check-role-usable " + (may ? "may " : "may not ") + action + " " + role);
                }
            }
        });
        return problems;
    }

    private static Map<String, Boolean> defaultRoles() {
        Map<String, Boolean> roles = new LinkedHashMap<>();
        roles.put("arn:aws:iam::" + HOME + ":role/provisioned/deployer", true);
        roles.put("arn:aws:iam::" + HOME + ":role/provisioned/team/deployer", true);
        roles.put("arn:aws:iam::" + HOME + ":role/deployer", false);
        roles.put("arn:aws:iam::" + HOME + ":role/OrganizationAccountAccessRole", false);
        roles.put("arn:aws:iam::" + HOME + ":role/" + Stack.STACK_NAME + "-DeleteUserFunctionRole-EXAMPLE", false);
        roles.put("arn:aws:iam::210987654321:role/provisioned/deployer", false);
        return roles;
    }

    @Test
    void byDefaultOnlyTheProvisionedRolesOfTheStacksAccount() {
        assertEquals(List.of(), accessProblems(Deployments.deployed(TEMPLATE, Deployments.homeOnly()), defaultRoles()));
    }

    @Test
    void theDefaultOfBeforeIsReported() {
        String broken = TEMPLATE.replace("- !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/provisioned/*\n",
                "- arn:aws:iam::*:role/*\n");

        assertEquals(List.of("check-role-usable may iam:GetRole arn:aws:iam::123456789012:role/deployer",
                "check-role-usable may iam:SimulatePrincipalPolicy arn:aws:iam::123456789012:role/deployer",
                "check-role-usable may sts:AssumeRole arn:aws:iam::123456789012:role/deployer",
                "check-role-usable may iam:GetRole arn:aws:iam::123456789012:role/OrganizationAccountAccessRole",
                "check-role-usable may iam:SimulatePrincipalPolicy"
                        + " arn:aws:iam::123456789012:role/OrganizationAccountAccessRole",
                "check-role-usable may sts:AssumeRole arn:aws:iam::123456789012:role/OrganizationAccountAccessRole",
                "check-role-usable may iam:GetRole arn:aws:iam::123456789012:role/iam-offboarding-DeleteUserFunctionRole"
                        + "-EXAMPLE",
                "check-role-usable may iam:SimulatePrincipalPolicy"
                        + " arn:aws:iam::123456789012:role/iam-offboarding-DeleteUserFunctionRole-EXAMPLE",
                "check-role-usable may sts:AssumeRole"
                        + " arn:aws:iam::123456789012:role/iam-offboarding-DeleteUserFunctionRole-EXAMPLE",
                "check-role-usable may iam:GetRole arn:aws:iam::210987654321:role/provisioned/deployer",
                "check-role-usable may iam:SimulatePrincipalPolicy arn:aws:iam::210987654321:role/provisioned/deployer",
                "check-role-usable may sts:AssumeRole arn:aws:iam::210987654321:role/provisioned/deployer"),
                accessProblems(Deployments.deployed(broken, Deployments.homeOnly()), defaultRoles()));
    }

    @Test
    void aGivenPatternIsWhatItMayInspectAndAssume() {
        Template deployed = Deployments.deployed(TEMPLATE, Deployments.with(Deployments.homeOnly(),
                "CheckableRoleArnPattern", "arn:aws:iam::210987654321:role/ci/*"));
        Map<String, Boolean> roles = new LinkedHashMap<>();
        roles.put("arn:aws:iam::210987654321:role/ci/deployer", true);
        roles.put("arn:aws:iam::210987654321:role/provisioned/deployer", false);
        roles.put("arn:aws:iam::" + HOME + ":role/provisioned/deployer", false);

        assertEquals(List.of(), accessProblems(deployed, roles));
    }

    @Test
    void thePatternCannotMeanEveryAccountOrEveryRole() {
        assertEquals(List.of(), parameterProblems(Template.parse(TEMPLATE)));
    }

    @Test
    void aPatternParameterThatAcceptsEveryAccountIsReported() {
        Template broken = Template.parse(TEMPLATE.replaceFirst("(  CheckableRoleArnPattern:\n    Type: String\n"
                + "    Default: \"\"\n)    AllowedPattern: [^\n]*\n", "$1    AllowedPattern: \"^(arn:aws:iam::[^:]+:.*)?\\$\"\n"));

        List<String> problems = parameterProblems(broken);

        assertTrue(problems.contains("CheckableRoleArnPattern accepts \"arn:aws:iam::*:role/*\""), problems.toString());
        assertTrue(problems.contains("CheckableRoleArnPattern accepts \"arn:aws:iam::123456789012:role/*\""),
                problems.toString());
    }

    /** UserPath scopes every user action: a wildcard in it would reach other paths' users. */
    @Test
    void theUserPathIsWholePathSegmentsWithoutWildcards() {
        Template template = Template.parse(TEMPLATE);
        for (String path : List.of("/*/", "/staff*/", "/?/", "staff/", "/staff")) {
            assertTrue(!Stack.refusals(template, Deployments.with(Deployments.homeOnly(), "UserPath", path)).isEmpty(),
                    "UserPath " + path + " was accepted");
        }
        for (String path : List.of("/", "/staff/", "/staff/contractors/")) {
            assertEquals(List.of(), Stack.refusals(template, Deployments.with(Deployments.homeOnly(), "UserPath", path)),
                    "UserPath " + path);
        }
    }
}
