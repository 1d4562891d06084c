package dev.offboarding.fleetrun;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.offboarding.json.Validatable;
import dev.offboarding.model.Tag;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.Trigger;
import dev.offboarding.validation.UserNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fleet request (the OffboardFleet state machine's input) with the fields and accessors of
 * {@code dev.offboarding.fleet.FleetRequest}, standing in for it in this module until that class is merged: replace
 * every use by FleetRequest and delete this file. Written without its absent fields: the workflow hands it on to the
 * next stages, which refuse a null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FleetRequestStandIn(
        String run,
        List<String> accounts,
        Boolean organization,
        List<String> users,
        UsersFrom usersFrom,
        String pathPrefix,
        List<Tag> tags,
        Integer unusedForDays,
        Boolean dryRun,
        Integer quarantineDays,
        String reason,
        String requestedBy,
        Boolean requireApproval,
        Integer maxUsersPerRun,
        Integer maxShareOfAccount,
        Integer maxConcurrencyPerAccount,
        Integer approvalTimeoutSeconds,
        Trigger trigger) implements Validatable {

    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9_-]{1," + FleetLimits.MAX_RUN_LENGTH + "}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /** An explicit list of users in S3. */
    record UsersFrom(String bucket, String key) {
    }

    @Override
    public List<String> problems() {
        List<String> problems = valueProblems();
        if (trigger != null) {
            if (Boolean.FALSE.equals(requireApproval)) {
                problems.add("requireApproval cannot be false in a fleet started by an event: a person approves"
                        + " its plan");
            }
            if (maxUsersPerRun != null) {
                problems.add("maxUsersPerRun cannot be set by an event: start the fleet by hand to raise it");
            }
            if (maxShareOfAccount != null) {
                problems.add("maxShareOfAccount cannot be set by an event: start the fleet by hand to raise it");
            }
        }
        return problems;
    }

    private List<String> valueProblems() {
        List<String> problems = new ArrayList<>();
        if (run != null && !RUN.matcher(run).matches()) {
            problems.add("run must be 1 to " + FleetLimits.MAX_RUN_LENGTH + " letters, digits, '-' or '_', e.g."
                    + " \"stale-users-2026-12\"; leave it out to name the run after the fleet execution");
        }
        if (accounts != null) {
            problems.addAll(accountProblems());
            if (Boolean.TRUE.equals(organization)) {
                problems.add("accounts and organization: true cannot be combined: give the accounts, or every active"
                        + " account of the organization");
            }
        }
        problems.addAll(selectorProblems());
        if (quarantineDays != null && (quarantineDays < 0 || quarantineDays > OffboardingRequest.MAX_QUARANTINE_DAYS)) {
            problems.add("quarantineDays must be from 0 (none) to " + OffboardingRequest.MAX_QUARANTINE_DAYS
                    + "; it is " + quarantineDays);
        }
        OffboardingRequest.textProblem("reason", reason).ifPresent(problems::add);
        OffboardingRequest.textProblem("requestedBy", requestedBy).ifPresent(problems::add);
        range("maxUsersPerRun", maxUsersPerRun, 1, FleetLimits.MAX_USERS_PER_RUN, problems);
        range("maxShareOfAccount", maxShareOfAccount, 1, 100, problems);
        range("maxConcurrencyPerAccount", maxConcurrencyPerAccount, 1, FleetLimits.MAX_CONCURRENCY_PER_ACCOUNT,
                problems);
        range("approvalTimeoutSeconds", approvalTimeoutSeconds, FleetLimits.MIN_APPROVAL_TIMEOUT_SECONDS,
                FleetLimits.MAX_APPROVAL_TIMEOUT_SECONDS, problems);
        return problems;
    }

    private List<String> accountProblems() {
        List<String> problems = new ArrayList<>();
        if (accounts.isEmpty() || accounts.size() > FleetLimits.MAX_ACCOUNTS) {
            problems.add("accounts must list 1 to " + FleetLimits.MAX_ACCOUNTS + " account ids; it lists "
                    + accounts.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < accounts.size(); i++) {
            String account = accounts.get(i);
            if (account == null || !ACCOUNT_ID.matcher(account).matches()) {
                problems.add("accounts[" + i + "] must be a 12-digit account id such as \"111111111111\"");
            } else if (!seen.add(account)) {
                problems.add("accounts[" + i + "] (" + account + ") is listed twice: list each account once");
            }
        }
        return problems;
    }

    private List<String> selectorProblems() {
        List<String> problems = new ArrayList<>();
        if (users == null && usersFrom == null && pathPrefix == null && tags == null && unusedForDays == null) {
            problems.add("a fleet request needs at least one of users, usersFrom, pathPrefix, tags, unusedForDays:"
                    + " without one it would select every user");
        }
        if (users != null && usersFrom != null) {
            problems.add("users and usersFrom cannot be combined: give the names, or the S3 object that lists them");
        }
        if (users != null) {
            if (users.isEmpty() || users.size() > FleetLimits.MAX_USERS) {
                problems.add("users must list 1 to " + FleetLimits.MAX_USERS + " names; it lists " + users.size());
            }
            for (int i = 0; i < users.size(); i++) {
                problems.addAll(UserNames.problems("users[" + i + "]", users.get(i)));
            }
        }
        if (usersFrom != null && (blank(usersFrom.bucket()) || blank(usersFrom.key()))) {
            problems.add("usersFrom needs bucket and key: the S3 object (.json or .csv) that lists the users");
        }
        if (pathPrefix != null && (pathPrefix.isEmpty() || pathPrefix.length() > 512 || !pathPrefix.startsWith("/")
                || !pathPrefix.endsWith("/"))) {
            problems.add("pathPrefix must start and end with '/' and be at most 512 characters, e.g. \"/contractors/\"");
        }
        if (tags != null) {
            if (tags.isEmpty() || tags.size() > 10) {
                problems.add("tags must list 1 to 10 tags; it lists " + tags.size());
            }
            for (int i = 0; i < tags.size(); i++) {
                if (tags.get(i) == null || blank(tags.get(i).key())) {
                    problems.add("tags[" + i + "].key is required: the tag key a user must carry");
                }
            }
        }
        range("unusedForDays", unusedForDays, 1, 3650, problems);
        return problems;
    }

    private static void range(String field, Integer value, int min, int max, List<String> problems) {
        if (value != null && (value < min || value > max)) {
            problems.add(field + " must be from " + min + " to " + max + "; it is " + value);
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The problems of a request VALIDATE normalized: every default filled in. */
    List<String> normalizedProblems() {
        List<String> problems = valueProblems();
        if (run == null || dryRun == null || requireApproval == null || maxUsersPerRun == null
                || maxShareOfAccount == null || maxConcurrencyPerAccount == null || approvalTimeoutSeconds == null) {
            problems.add("fleet.request must be the request as VALIDATE normalized it (run, dryRun, requireApproval,"
                    + " maxUsersPerRun, maxShareOfAccount, maxConcurrencyPerAccount, approvalTimeoutSeconds set)");
        }
        return problems;
    }

    /**
     * The request with its defaults: the run named after the fleet execution, a dry run, approval when an event
     * started it, the template's limits.
     */
    FleetRequestStandIn normalized(String fleetExecution, FleetSettings settings) {
        String name = run != null ? run : runNamedAfter(fleetExecution);
        return new FleetRequestStandIn(name, accounts, organization, users, usersFrom, pathPrefix, tags,
                unusedForDays, dryRun == null || dryRun, quarantineDays, reason, requestedBy,
                requireApproval != null ? requireApproval : trigger != null,
                maxUsersPerRun != null ? maxUsersPerRun : settings.maxUsersPerRun(),
                maxShareOfAccount != null ? maxShareOfAccount : settings.maxShareOfAccount(),
                maxConcurrencyPerAccount != null ? maxConcurrencyPerAccount : settings.maxConcurrencyPerAccount(),
                approvalTimeoutSeconds != null ? approvalTimeoutSeconds : FleetLimits.DEFAULT_APPROVAL_TIMEOUT_SECONDS,
                trigger);
    }

    /** The first 40 characters of the execution's name, each one a run name may not hold made '_'. */
    private static String runNamedAfter(String fleetExecution) {
        String cut = fleetExecution.length() <= FleetLimits.MAX_RUN_LENGTH ? fleetExecution
                : fleetExecution.substring(0, FleetLimits.MAX_RUN_LENGTH);
        return cut.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
