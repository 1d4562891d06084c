package dev.offboarding.validation;

import dev.offboarding.json.Validatable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Act in another account of the organization, through the offboarding role there, with a role session named after
 * the workflow execution (CloudTrail in that account shows the session name on every call). Absent means the
 * account the functions run in, with their own credentials.
 */
public record MemberAccount(String accountId, String sessionName) implements Validatable {
    public static final int MIN_SESSION_NAME = 2;
    public static final int MAX_SESSION_NAME = 64;
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    @Override
    public List<String> problems() {
        return problems("memberAccount");
    }

    public List<String> problems(String field) {
        List<String> problems = new ArrayList<>();
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            problems.add(field + ".accountId must be the 12-digit id of the account to act in, e.g. \"210987654321\"");
        }
        problems.addAll(sessionNameProblems(field + ".sessionName", sessionName));
        return problems;
    }

    /** STS's rule for role session names: 2 to 64 characters, each a letter, digit or one of + = , . @ _ - */
    public static List<String> sessionNameProblems(String field, String sessionName) {
        if (sessionName == null) {
            return List.of(field + " is required: the role session name that identifies the execution");
        }
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            return List.of(field + " must be " + MIN_SESSION_NAME + " to " + MAX_SESSION_NAME
                    + " characters of letters, digits and + = , . @ _ - (STS's rule for role session names); it is "
                    + sessionName.length() + " characters long" + (sessionName.length() <= MAX_SESSION_NAME
                    ? " and contains another character" : "")
                    + ". Name the workflow execution accordingly (a UUID, the default, qualifies)");
        }
        return List.of();
    }
}
