package dev.offboarding.startoffboarding;

import dev.offboarding.errors.InvalidConfigurationException;
import dev.offboarding.fleet.FleetDefaults;
import dev.offboarding.fleet.FleetRequest;
import dev.offboarding.validation.DefaultQuarantine;
import dev.offboarding.validation.OffboardingRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an event may ask for, from the function's environment. An event is a request from another system, so it may
 * ask for less than a person starting a run by hand:
 * <ul>
 *   <li>it must come from an account in {@code EVENT_SENDER_ACCOUNT_IDS} (required: there is no default that means
 *       every account);</li>
 *   <li>its {@code detail.accountId} must be the home account ({@code HOME_ACCOUNT_ID}) or one listed in
 *       {@code EVENT_ACCOUNT_IDS} ({@code *}: any account of the organization, as far as the offboarding role's
 *       AssumeRole permission reaches; empty or absent: the home account only);</li>
 *   <li>{@code detail.force} only when {@code ALLOW_FORCE_FROM_EVENTS} is {@code true} (default {@code false}), and
 *       likewise a {@code detail.quarantineDays} shorter than the deployment's {@code DEFAULT_QUARANTINE_DAYS}: an
 *       event may lengthen the quarantine a deployment asks for, not shorten it;</li>
 *   <li>never an event replayed from an archive ({@code replay-name}): a replay reaches the rule without passing the
 *       bus policy;</li>
 *   <li>never {@code detail.allowPrivileged} (whatever its value), and never what only the product sets
 *       ({@code trigger}, {@code execution}, {@code memberAccount}).</li>
 * </ul>
 * A fleet request ({@link FleetOffboardingEvent}) comes from a sender account, not from a replay, like an offboarding
 * event; every account of its {@code detail.accounts} must be one events may name, {@code detail.organization: true}
 * only when {@code EVENT_ACCOUNT_IDS} is {@code *}, its {@code detail.quarantineDays} as for an offboarding event, and
 * its {@code detail.maxConcurrencyPerAccount} never above the
 * deployment's ({@code MAX_CONCURRENCY_PER_ACCOUNT}, {@link FleetDefaults}). The approval and the other limits an
 * event may not touch are the request's own rules ({@link dev.offboarding.fleet.FleetRequest}).
 * An IAM Access Analyzer finding asks for no field of its own: it must come from the home account's analyzer, not
 * from a replay, and be about a user of the home account or one listed in {@code EVENT_ACCOUNT_IDS}.
 *
 * @param eventAccountIds the accounts besides the home one that events may name; ignored when
 *                        {@code anyOrganizationAccount}
 */
record EventPolicy(String homeAccountId, Set<String> eventAccountIds, boolean anyOrganizationAccount,
                   Set<String> senderAccountIds, boolean allowForce, int defaultQuarantineDays,
                   FleetDefaults fleetDefaults) {
    static final String HOME_ACCOUNT_ID = "HOME_ACCOUNT_ID";
    static final String EVENT_ACCOUNT_IDS = "EVENT_ACCOUNT_IDS";
    static final String EVENT_SENDER_ACCOUNT_IDS = "EVENT_SENDER_ACCOUNT_IDS";
    static final String ALLOW_FORCE_FROM_EVENTS = "ALLOW_FORCE_FROM_EVENTS";
    static final String DEFAULT_QUARANTINE_DAYS = DefaultQuarantine.DEFAULT_QUARANTINE_DAYS;
    static final String ANY_ORGANIZATION_ACCOUNT = "*";
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    EventPolicy {
        eventAccountIds = Set.copyOf(eventAccountIds);
        senderAccountIds = Set.copyOf(senderAccountIds);
    }

    static EventPolicy fromEnvironment(Map<String, String> env) {
        String home = env.getOrDefault(HOME_ACCOUNT_ID, "").strip();
        if (!ACCOUNT_ID.matcher(home).matches()) {
            throw new InvalidConfigurationException(HOME_ACCOUNT_ID + " must be the 12-digit id of the account the"
                    + " stack runs in (the template sets it to AWS::AccountId); it is \"" + home + "\"");
        }
        String targets = env.getOrDefault(EVENT_ACCOUNT_IDS, "").strip();
        boolean any = targets.equals(ANY_ORGANIZATION_ACCOUNT);
        Set<String> targetIds = any || targets.isEmpty() ? Set.of() : accountIds(EVENT_ACCOUNT_IDS, targets,
                "or \"*\" for any account of the organization, or empty for the home account only");
        String senders = env.getOrDefault(EVENT_SENDER_ACCOUNT_IDS, "").strip();
        if (senders.isEmpty()) {
            throw new InvalidConfigurationException(EVENT_SENDER_ACCOUNT_IDS + " is required: the comma-separated"
                    + " 12-digit ids of the accounts allowed to send offboarding events, e.g. the home account "
                    + home + "; there is no default that lets every account in");
        }
        Set<String> senderIds = accountIds(EVENT_SENDER_ACCOUNT_IDS, senders, "(\"*\" is not accepted here)");
        String force = env.getOrDefault(ALLOW_FORCE_FROM_EVENTS, "false");
        if (!force.equals("true") && !force.equals("false")) {
            throw new InvalidConfigurationException(ALLOW_FORCE_FROM_EVENTS + " must be \"true\" or \"false\""
                    + " (default \"false\"); it is \"" + force + "\"");
        }
        int quarantine = DefaultQuarantine.days(env);
        return new EventPolicy(home, targetIds, any, senderIds, force.equals("true"), quarantine,
                FleetDefaults.fromEnvironment(env));
    }

    private static Set<String> accountIds(String variable, String value, String alternatives) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : value.split(",", -1)) {
            String candidate = id.strip();
            if (!ACCOUNT_ID.matcher(candidate).matches()) {
                throw new InvalidConfigurationException(variable + " must be comma-separated 12-digit account ids,"
                        + " e.g. \"123456789012,210987654321\", " + alternatives + "; \"" + candidate
                        + "\" in \"" + value + "\" is not one");
            }
            ids.add(candidate);
        }
        return ids;
    }

    /** What this deployment does not let the event ask for; empty when it may be started. */
    List<String> problems(OffboardingEvent event) {
        List<String> problems = senderProblems(event);
        OffboardingRequest detail = event.detail();
        problems.addAll(notFromAnEvent(detail));
        quarantineProblem(detail.quarantineDays()).ifPresent(problems::add);
        if (detail.force() != null && !allowForce) {
            problems.add("detail.force is not accepted from events in this deployment (" + ALLOW_FORCE_FROM_EVENTS
                    + " is false): leave it out, and for a recently active user either ask for a quarantine"
                    + " (detail.quarantineDays) or start the offboarding by hand with force");
        }
        String accountId = detail.accountId();
        if (accountId != null && !mayActIn(accountId)) {
            problems.add("detail.accountId " + accountId + " is not an account that events may offboard users in:"
                    + " leave it out for the home account " + homeAccountId + ", or add it to " + EVENT_ACCOUNT_IDS
                    + " (\"*\" there allows any account of the organization)");
        }
        return problems;
    }

    /** What this deployment does not let a fleet request from an event start; empty when it may be started. */
    List<String> problems(FleetOffboardingEvent event) {
        List<String> problems = senderProblems(event);
        FleetRequest detail = event.detail();
        List<String> accounts = detail.accounts() == null ? List.of() : detail.accounts();
        for (int i = 0; i < accounts.size(); i++) {
            String accountId = accounts.get(i);
            if (accountId != null && ACCOUNT_ID.matcher(accountId).matches() && !mayActIn(accountId)) {
                problems.add("detail.accounts[" + i + "] " + accountId + " is not an account that events may offboard"
                        + " users in: remove it (without detail.accounts the run selects in the home account "
                        + homeAccountId + "), or add it to " + EVENT_ACCOUNT_IDS + " (\"*\" there allows any account"
                        + " of the organization)");
            }
        }
        if (Boolean.TRUE.equals(detail.organization()) && !anyOrganizationAccount) {
            problems.add("detail.organization: true selects in every account of the organization, and events may"
                    + " offboard users only in the home account " + homeAccountId + " and those of "
                    + EVENT_ACCOUNT_IDS + " here: list them in detail.accounts instead, or set " + EVENT_ACCOUNT_IDS
                    + " to \"*\" to let events name any account of the organization");
        }
        // Each child of the run is offboarded as the fleet says: an event's run keeps the quarantine events keep.
        quarantineProblem(detail.quarantineDays()).ifPresent(problems::add);
        Integer concurrency = detail.maxConcurrencyPerAccount();
        if (concurrency != null && concurrency > fleetDefaults.maxConcurrencyPerAccount()) {
            problems.add("detail.maxConcurrencyPerAccount " + concurrency + " is above this deployment's "
                    + fleetDefaults.maxConcurrencyPerAccount() + " (" + FleetDefaults.MAX_CONCURRENCY_PER_ACCOUNT
                    + "): an event may run fewer children at once per account, not more; leave it out for the"
                    + " default, or start the run by hand");
        }
        return problems;
    }

    private java.util.Optional<String> quarantineProblem(Integer quarantineDays) {
        if (quarantineDays == null || quarantineDays >= defaultQuarantineDays || allowForce) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("detail.quarantineDays " + quarantineDays + " is shorter than this deployment's"
                + " quarantine of " + defaultQuarantineDays + " days (" + DEFAULT_QUARANTINE_DAYS + "): an event"
                + " may ask for a longer quarantine, not a shorter one; leave it out for the default");
    }

    /** An event from another system must come from a sender account, and not from an archive's replay. */
    private List<String> senderProblems(DeliveredEvent event) {
        List<String> problems = new ArrayList<>();
        if (event.account() == null) {
            problems.add("account is required: the id of the account that sent the event (EventBridge sets it)");
        } else if (!senderAccountIds.contains(event.account())) {
            problems.add("account " + event.account() + " may not send offboarding events: only the accounts in "
                    + EVENT_SENDER_ACCOUNT_IDS + " may; send the event from one of them, or add this account there");
        }
        replayProblem(event).ifPresent(problems::add);
        return problems;
    }

    /**
     * What this deployment does not let an unused access finding start; empty when it may go on. The finding must
     * come from this account's own analyzer (its events reach this account's default bus), and, when it asks for a
     * quarantine, be about a user of an account events may name (one that asks for nothing is not refused for that).
     */
    List<String> problems(UnusedAccessFindingEvent event) {
        List<String> problems = new ArrayList<>();
        if (!homeAccountId.equals(event.account())) {
            problems.add("account " + event.account() + " is not this account (" + homeAccountId + "): only the"
                    + " findings of an analyzer in the account the stack runs in start a quarantine (for an"
                    + " organization's users, the analyzer of the organization in this account)");
        }
        replayProblem(event).ifPresent(problems::add);
        String accountId = event.detail().accountId();
        if (event.detail().whyNoQuarantine().isEmpty() && !mayActIn(accountId)) {
            problems.add("detail.accountId " + accountId + " (the user's account) is not an account that events may"
                    + " offboard users in: only the home account " + homeAccountId + " and those of "
                    + EVENT_ACCOUNT_IDS + " (\"*\" there allows any account of the organization)");
        }
        return problems;
    }

    private boolean mayActIn(String accountId) {
        return anyOrganizationAccount || accountId.equals(homeAccountId) || eventAccountIds.contains(accountId);
    }

    private static java.util.Optional<String> replayProblem(DeliveredEvent event) {
        if (event.replayName() == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("replay-name: events replayed from an archive (here \"" + event.replayName()
                + "\") are not accepted, since a replay reaches the rule without passing the bus policy; to offboard"
                + " this user again, start the workflow by hand");
    }

    /**
     * What an event may never ask for, whatever the deployment allows: the fields only the product sets, and
     * {@code allowPrivileged}, which only a person starting a run by hand may give.
     */
    private static List<String> notFromAnEvent(OffboardingRequest detail) {
        List<String> problems = new ArrayList<>();
        if (detail.allowPrivileged() != null) {
            problems.add("detail.allowPrivileged is never accepted from an event, whatever its value (an event cannot"
                    + " authorize offboarding a user who can administer the account): leave it out; such a user is"
                    + " offboarded by a run started by hand (console or the offboard command) with allowPrivileged");
        }
        if (detail.trigger() != null) {
            problems.add("detail.trigger is set by start-offboarding from the event's own id, source and time, never"
                    + " by the event: leave it out");
        }
        if (detail.execution() != null) {
            problems.add("detail.execution is set by the workflow ($$.Execution.Id), never by an event: leave it out");
        }
        if (detail.memberAccount() != null) {
            problems.add("detail.memberAccount is set by the workflow when accountId names another account, never by"
                    + " an event: leave it out and name the account in detail.accountId");
        }
        if (detail.phase() != null) {
            problems.add("detail.phase is set by the workflow for each look at the user, never by an event: leave it"
                    + " out");
        }
        if (detail.recovery() != null) {
            problems.add("detail.recovery is set by the workflow from an earlier run's unfinished record, never by an"
                    + " event: leave it out");
        }
        return problems;
    }
}
