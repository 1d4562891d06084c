package dev.offboarding.checkroleusable;

import dev.offboarding.json.Validatable;
import dev.offboarding.validation.MemberAccount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What makes a role usable for the caller: the role (ARN, or name in {@code accountId} or in this function's
 * account), the checks that must pass, and how sure to be ({@code requiredSuccesses} consecutive passes, by
 * {@code deadlineSeconds} after the workflow started). The input of the wait-for-role workflow.
 */
public record WaitForRoleRequest(
        String role,
        String accountId,
        List<RoleCheck> checks,
        String trustedPrincipal,
        List<String> actions,
        Integer requiredSuccesses,
        Integer deadlineSeconds,
        String sessionName) implements Validatable {

    public static final int DEFAULT_REQUIRED_SUCCESSES = 3;
    public static final int MAX_REQUIRED_SUCCESSES = 10;
    public static final int DEFAULT_DEADLINE_SECONDS = 120;
    /** An Express workflow runs at most 5 minutes; this leaves room for the last retry and the answer. */
    public static final int MAX_DEADLINE_SECONDS = 280;
    public static final int MAX_ACTIONS = 100;
    public static final String DEFAULT_SESSION_NAME = "check-role-usable";

    static final Pattern ROLE_ARN = Pattern.compile(
            "arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]):iam::(\\d{12}):role/(?:[\\x21-\\x7E]{0,510}/)?([\\w+=,.@-]{1,64})");
    static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9.-]*\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern PRINCIPAL_ARN = Pattern.compile(
            "arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]):(iam::\\d{12}:(root|role/\\S+|user/\\S+)"
                    + "|sts::\\d{12}:assumed-role/\\S+)");
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]{2,64}:[A-Za-z0-9*]{1,128}");

    public int required() {
        return requiredSuccesses == null ? DEFAULT_REQUIRED_SUCCESSES : requiredSuccesses;
    }

    public int deadline() {
        return deadlineSeconds == null ? DEFAULT_DEADLINE_SECONDS : deadlineSeconds;
    }

    public String session() {
        return sessionName == null ? DEFAULT_SESSION_NAME : sessionName;
    }

    /** The role ARN's parts, when {@code role} is an ARN. */
    Matcher arn() {
        Matcher m = ROLE_ARN.matcher(role);
        return m.matches() ? m : null;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        roleProblems(problems);
        if (checks == null || checks.isEmpty()) {
            problems.add("checks is required: one or more of " + List.of(RoleCheck.values())
                    + ", e.g. [\"EXISTS\", \"ASSUMABLE\"]");
        } else if (checks.contains(null)) {
            problems.add("checks must not contain null");
        } else if (new HashSet<>(checks).size() != checks.size()) {
            problems.add("checks names a check twice: " + checks);
        }
        boolean trusts = checks != null && checks.contains(RoleCheck.TRUSTS);
        if (trusts && trustedPrincipal == null) {
            problems.add("trustedPrincipal is required with TRUSTS: a service (\"lambda.amazonaws.com\"), an account"
                    + " id, or a role or user ARN");
        } else if (!trusts && trustedPrincipal != null) {
            problems.add("trustedPrincipal is given but checks does not include TRUSTS: add it, or leave the field out");
        } else if (trusts && !isPrincipal(trustedPrincipal)) {
            problems.add("trustedPrincipal \"" + trustedPrincipal + "\" is neither a service principal such as"
                    + " \"lambda.amazonaws.com\", a 12-digit account id, nor an IAM role, user or account root ARN");
        }
        boolean allows = checks != null && checks.contains(RoleCheck.ALLOWS_ACTIONS);
        if (allows && (actions == null || actions.isEmpty())) {
            problems.add("actions is required with ALLOWS_ACTIONS: the actions the role must be allowed, e.g."
                    + " [\"s3:GetObject\"]");
        } else if (!allows && actions != null) {
            problems.add("actions is given but checks does not include ALLOWS_ACTIONS: add it, or leave the field out");
        } else if (allows) {
            if (actions.size() > MAX_ACTIONS) {
                problems.add("actions lists " + actions.size() + " actions; at most " + MAX_ACTIONS);
            }
            actions.stream().filter(a -> a == null || !ACTION.matcher(a).matches()).findFirst().ifPresent(a ->
                    problems.add("actions contains \"" + a + "\", which is not an action such as \"iam:GetUser\""));
        }
        if (requiredSuccesses != null && (requiredSuccesses < 1 || requiredSuccesses > MAX_REQUIRED_SUCCESSES)) {
            problems.add("requiredSuccesses must be from 1 to " + MAX_REQUIRED_SUCCESSES + "; it is " + requiredSuccesses);
        }
        if (deadlineSeconds != null && (deadlineSeconds < 1 || deadlineSeconds > MAX_DEADLINE_SECONDS)) {
            problems.add("deadlineSeconds must be from 1 to " + MAX_DEADLINE_SECONDS + " (an Express workflow runs at"
                    + " most 5 minutes); it is " + deadlineSeconds);
        }
        if (sessionName != null) {
            problems.addAll(MemberAccount.sessionNameProblems("sessionName", sessionName));
        }
        return problems;
    }

    private void roleProblems(List<String> problems) {
        if (role == null || role.isEmpty()) {
            problems.add("role is required: a role ARN (\"arn:aws:iam::123456789012:role/deployer\") or a role name");
            return;
        }
        Matcher arn = arn();
        if (role.startsWith("arn:")) {
            if (arn == null) {
                problems.add("role \"" + role + "\" is not a role ARN: expected arn:<partition>:iam::<12-digit account>"
                        + ":role/<path/><name>, the name 1 to 64 characters of letters, digits and + = , . @ _ -");
            } else if (accountId != null && !accountId.equals(arn.group(2))) {
                problems.add("accountId " + accountId + " differs from the account in the role ARN (" + arn.group(2)
                        + "): leave accountId out when role is an ARN");
            }
        } else if (!ROLE_NAME.matcher(role).matches()) {
            problems.add("role \"" + role + "\" is neither a role ARN nor a role name (1 to 64 characters of letters,"
                    + " digits and + = , . @ _ -)");
        }
        if (accountId != null && !ACCOUNT_ID.matcher(accountId).matches()) {
            problems.add("accountId must be a 12-digit AWS account id (as a string), or absent for this function's account");
        }
    }

    private static boolean isPrincipal(String p) {
        return SERVICE.matcher(p).matches() || ACCOUNT_ID.matcher(p).matches() || PRINCIPAL_ARN.matcher(p).matches();
    }
}
