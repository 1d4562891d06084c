package dev.offboarding.fleetrun;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What select-users answered for one account: how many users it has and found, and where it wrote them. */
record Selection(String accountId, Integer accountUsers, Integer candidates, Integer notFound, String key) {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    List<String> problems(String field, FleetKeys keys) {
        List<String> problems = new ArrayList<>();
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            problems.add(field + ".accountId must be the 12-digit account id select-users selected in");
            return problems;
        }
        count(field + ".accountUsers", accountUsers, problems);
        count(field + ".candidates", candidates, problems);
        count(field + ".notFound", notFound, problems);
        if (!keys.candidates(accountId).equals(key)) {
            problems.add(field + ".key must be " + keys.candidates(accountId) + ", where select-users writes the"
                    + " account's candidates");
        }
        return problems;
    }

    private static void count(String field, Integer value, List<String> problems) {
        if (value == null || value < 0) {
            problems.add(field + " is required: a count of users, 0 or more");
        }
    }
}
