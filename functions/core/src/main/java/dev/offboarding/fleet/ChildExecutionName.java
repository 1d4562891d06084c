package dev.offboarding.fleet;

import dev.offboarding.validation.ExecutionName;

/**
 * The names of a fleet run's child executions (one OffboardUser execution per user and phase): letters, digits, '-'
 * and '_' only, at most {@value #MAX_LENGTH} characters (in a member account the execution name is the STS role
 * session name). The user name at the end is for people reading the list of executions; the hash makes the name.
 *
 * <p>An offboard name depends on the run, not on the fleet execution: a re-run of the same run derives the same
 * names, and Step Functions refuses to start a name twice, so nobody is offboarded twice. A plan name depends on the
 * fleet execution, so every attempt plans afresh.
 */
public final class ChildExecutionName {
    public static final int MAX_LENGTH = ExecutionName.MAX_LENGTH;
    static final int HASH_LENGTH = 40;
    private static final String PLAN = "fp-";
    private static final String OFFBOARD = "fo-";

    private ChildExecutionName() {
    }

    /** {@code fp-<40 hex of sha256(fleetExecution/accountId/userName)>-<user>}. */
    public static String forPlan(String fleetExecution, String accountId, String userName) {
        return named(PLAN, fleetExecution + "/" + accountId + "/" + userName, userName);
    }

    /** {@code fo-<40 hex of sha256(run/accountId/userName)>-<user>}. */
    public static String forOffboard(String run, String accountId, String userName) {
        return named(OFFBOARD, run + "/" + accountId + "/" + userName, userName);
    }

    private static String named(String prefix, String hashed, String userName) {
        String name = prefix + ExecutionName.sha256(hashed).substring(0, HASH_LENGTH) + "-" + sanitized(userName);
        return name.length() <= MAX_LENGTH ? name : name.substring(0, MAX_LENGTH);
    }

    /** IAM allows + = , . @ in user names; an execution name here keeps letters, digits, '-' and '_'. */
    private static String sanitized(String userName) {
        return userName.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
