package dev.offboarding.checkroleusable;

/** The role a check is about, resolved to its ARN, name and account; {@code ownAccount}: this function's. */
record RoleTarget(String arn, String name, String accountId, boolean ownAccount) {
}
