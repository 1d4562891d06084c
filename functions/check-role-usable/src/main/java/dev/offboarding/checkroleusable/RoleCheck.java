package dev.offboarding.checkroleusable;

/** The conditions that can make a role usable for the caller's purpose, in the order they are checked. */
public enum RoleCheck {
    /** IAM knows the role (iam:GetRole). Proves nothing about propagation. */
    EXISTS,
    /** The role's trust policy allows {@code trustedPrincipal} to call sts:AssumeRole (read with iam:GetRole). */
    TRUSTS,
    /** iam:SimulatePrincipalPolicy allows every one of {@code actions} to the role. */
    ALLOWS_ACTIONS,
    /** This function itself can sts:AssumeRole the role in its region: the role has reached STS there. */
    ASSUMABLE
}
