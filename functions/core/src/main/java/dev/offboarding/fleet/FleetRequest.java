package dev.offboarding.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.json.Validatable;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.Trigger;
import dev.offboarding.validation.UserNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fleet request: the input of the OffboardFleet workflow. It selects users (every selector given must hold: they
 * combine with AND) in one or more accounts and offboards each through the single-user workflow, within a blast
 * radius. At least one selector is required: none would mean every user, which is refused. {@code dryRun} is true
 * unless the request says false. A request started by an event ({@code trigger}, set by start-offboarding) needs
 * approval and keeps the deployment's limits: it may not say {@code requireApproval: false}, {@code maxUsersPerRun}
 * or {@code maxShareOfAccount}.
 *
 * <p>{@link #problems()} checks a request as a caller sent it; {@link #normalized} fills in the defaults (once, at the
 * start of the workflow); {@link #normalizedProblems} checks a request the workflow hands on to a later step. It is
 * written without its unset fields, whatever the mapper: an explicit null flag is refused when read back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FleetRequest(
        String run,
        List<String> accounts,
        Boolean organization,
        List<String> users,
        UsersFrom usersFrom,
        String pathPrefix,
        List<TagFilter> tags,
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

    public static final int MAX_RUN_LENGTH = 40;
    /**
     * The most accounts one run selects in. The fleet's state (Step Functions: at most 256 KiB) holds per account
     * its id twice, a selection summary and an items location: about 450 bytes, at most about 770 with the longest
     * run, execution and bucket names; with the largest request (1,000 user names: about 75 KB) 200 accounts stay
     * near 230 KB, which leaves room for the approval and an error's cause. For more accounts, split the run.
     */
    public static final int MAX_ACCOUNTS = 200;
    public static final int MAX_USERS = 1000;
    public static final int MAX_PATH_PREFIX_LENGTH = 512;
    public static final int MAX_TAGS = 10;
    public static final int MAX_UNUSED_FOR_DAYS = 3650;
    public static final int MAX_USERS_PER_RUN = 5000;
    public static final int MAX_SHARE_OF_ACCOUNT = 100;
    public static final int MAX_CONCURRENCY_PER_ACCOUNT = 50;
    public static final int MIN_APPROVAL_TIMEOUT_SECONDS = 60;
    public static final int MAX_APPROVAL_TIMEOUT_SECONDS = 604_800;
    /** Every field, in the contract's order; {@code trigger}, the last, is only ever set by start-offboarding. */
    public static final List<String> FIELDS = java.util.Arrays.stream(FleetRequest.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName).toList();
    /** The selectors, in the order the contract lists them. */
    public static final List<String> SELECTORS = List.of("users", "usersFrom", "pathPrefix", "tags", "unusedForDays");

    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_RUN_LENGTH + "}");
    private static final Pattern NOT_RUN_CHARACTER = Pattern.compile("[^A-Za-z0-9_-]");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /** IAM's path characters (ASCII 0x21 to 0x7E), between a leading and a trailing '/'. */
    private static final Pattern PATH_PREFIX = Pattern.compile("/([\\u0021-\\u007E]+/)?");

    /** A list of users in S3: {@code .json} (an array of names or of {"userName","accountId"}) or {@code .csv}. */
    public record UsersFrom(String bucket, String key) {
        public static final int MAX_KEY_LENGTH = 1024;
        /** S3's rules for a general purpose bucket's name: 3 to 63 lowercase letters, digits, dots and hyphens. */
        private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

        /** {@code s3://bucket/key}, for messages and for the why of a candidate. */
        public String location() {
            return "s3://" + bucket + "/" + key;
        }

        /** Whether the file is read as CSV (its key ends with .csv); otherwise it is JSON. */
        public boolean readsAsCsv() {
            return key.toLowerCase(Locale.ROOT).endsWith(".csv");
        }

        List<String> problems(FieldNames names) {
            List<String> problems = new ArrayList<>();
            if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
                problems.add(names.field("usersFrom.bucket") + " must be an S3 bucket name (3 to 63 lowercase letters, digits, dots and"
                        + " hyphens), e.g. \"my-offboarding-lists\"");
            }
            if (key == null || key.isEmpty()) {
                problems.add(names.field("usersFrom.key") + " is required: the object's key, ending in .json or .csv, e.g."
                        + " \"leavers/2026-12.csv\"");
            } else if (key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                problems.add(names.field("usersFrom.key") + " must be an S3 key of at most " + MAX_KEY_LENGTH
                        + " characters without control characters");
            } else {
                String lower = key.toLowerCase(Locale.ROOT);
                if (!lower.endsWith(".json") && !lower.endsWith(".csv")) {
                    problems.add(names.field("usersFrom.key") + " must end in .json (an array of user names, or of {\"userName\","
                            + " \"accountId\"}) or .csv (a header row userName[,accountId]); it is \"" + key + "\"");
                }
            }
            return problems;
        }
    }

    /** A tag a selected user must carry: the key (IAM compares keys ignoring case) and exactly this value. */
    public record TagFilter(String key, String value) {
        public static final int MAX_KEY_LENGTH = 128;
        public static final int MAX_VALUE_LENGTH = 256;
        /** IAM's characters for tag keys and values: letters, digits, spaces and _ . : / = + - @ */
        private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

        List<String> problems(FieldNames names, int index) {
            List<String> problems = new ArrayList<>();
            String tag = toString();
            if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH || !TAG_TEXT.matcher(key).matches()) {
                problems.add(names.member("tags", index, tag, "key") + " must be an IAM tag key: 1 to " + MAX_KEY_LENGTH + " letters, digits,"
                        + " spaces and _ . : / = + - @, e.g. \"team\"");
            }
            if (value == null) {
                problems.add(names.member("tags", index, tag, "value") + " is required: "
                        + names.element("tags", index, tag) + " must be {\"key\": ..., \"value\": ...} (\"\" for an"
                        + " empty value)");
            } else if (value.length() > MAX_VALUE_LENGTH || !TAG_TEXT.matcher(value).matches()) {
                problems.add(names.member("tags", index, tag, "value") + " must be an IAM tag value: at most " + MAX_VALUE_LENGTH + " letters,"
                        + " digits, spaces and _ . : / = + - @");
            }
            return problems;
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    /** Every problem with the request as a caller sent it, each naming the field and the fix; empty when valid. */
    @Override
    public List<String> problems() {
        return problems("");
    }

    /** The same, naming each field by its path under {@code at} (e.g. "request" gives "request.users[0]"). */
    public List<String> problems(String at) {
        return problems(FieldNames.under(at));
    }

    /** The same, naming each field as {@code names} says. */
    public List<String> problems(FieldNames names) {
        List<String> problems = valueProblems(names);
        if (trigger != null) {
            String because = ": a fleet run started by an event keeps the deployment's limits and its approval;"
                    + " leave it out (only a person's request may set it)";
            if (Boolean.FALSE.equals(requireApproval)) {
                problems.add(names.field("requireApproval") + " cannot be false" + because);
            }
            if (maxUsersPerRun != null) {
                problems.add(names.field("maxUsersPerRun") + " cannot be set" + because);
            }
            if (maxShareOfAccount != null) {
                problems.add(names.field("maxShareOfAccount") + " cannot be set" + because);
            }
        }
        return problems;
    }

    /**
     * Every problem with a request as a person sent it: those of {@link #problems(FieldNames)}, and a {@code trigger},
     * which only start-offboarding sets (from the event that starts the run).
     */
    public List<String> problemsAsSent(FieldNames names) {
        return problemsAsSent(null, names);
    }

    /**
     * The same for a request another system sent in an event: checked as the run {@code startedBy} that event will
     * be (with its limits and approval), and refused if it carries a {@code trigger} of its own.
     */
    public List<String> problemsAsSent(Trigger startedBy, FieldNames names) {
        List<String> problems = withTrigger(startedBy).problems(names);
        if (trigger != null) {
            problems.add(names.field("trigger") + " is set only by start-offboarding, from the id, source and time of"
                    + " the event that starts the run: leave it out");
        }
        return problems;
    }

    /** The same request with {@code trigger} instead of its own. */
    public FleetRequest withTrigger(Trigger trigger) {
        return new FleetRequest(run, accounts, organization, users, usersFrom, pathPrefix, tags, unusedForDays, dryRun,
                quarantineDays, reason, requestedBy, requireApproval, maxUsersPerRun, maxShareOfAccount,
                maxConcurrencyPerAccount, approvalTimeoutSeconds, trigger);
    }

    /**
     * Every problem with a request {@link #normalized} handed on by the workflow: the same value rules, every default
     * filled in, and approval required when an event started it.
     */
    public List<String> normalizedProblems(String at) {
        FieldNames names = FieldNames.under(at);
        List<String> problems = valueProblems(names);
        Map<String, Object> filled = new java.util.LinkedHashMap<>();
        filled.put("run", run);
        filled.put("dryRun", dryRun);
        filled.put("requireApproval", requireApproval);
        filled.put("maxUsersPerRun", maxUsersPerRun);
        filled.put("maxShareOfAccount", maxShareOfAccount);
        filled.put("maxConcurrencyPerAccount", maxConcurrencyPerAccount);
        filled.put("approvalTimeoutSeconds", approvalTimeoutSeconds);
        filled.forEach((name, value) -> {
            if (value == null) {
                problems.add(names.field(name) + " is missing: the workflow's ValidateFleetRequest step fills it in;"
                        + " pass on its output's request");
            }
        });
        if (trigger != null && Boolean.FALSE.equals(requireApproval)) {
            problems.add(names.field("requireApproval") + " cannot be false for a fleet run started by an event");
        }
        return problems;
    }

    /**
     * The request with every default filled in: {@code run} the fleet execution's name (its first 40 characters,
     * any character other than a letter, digit, '-' or '_' replaced by '-'), {@code dryRun} true,
     * {@code requireApproval} true when an event started it and false otherwise, the limits from {@code defaults}.
     * A request with problems is refused ({@link InvalidRequestException}).
     */
    public FleetRequest normalized(String fleetExecution, FleetDefaults defaults) {
        List<String> problems = problems();
        if (run == null && (fleetExecution == null || fleetExecution.isBlank())) {
            problems = new ArrayList<>(problems);
            problems.add("run is absent and there is no fleet execution name to name the run after: give \"run\","
                    + " e.g. \"stale-users-2026-12\"");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new FleetRequest(run != null ? run : runNamedAfter(fleetExecution), accounts, organization, users,
                usersFrom, pathPrefix, tags, unusedForDays,
                dryRun != null ? dryRun : Boolean.TRUE,
                quarantineDays, reason, requestedBy,
                requireApproval != null ? requireApproval : Boolean.valueOf(trigger != null),
                maxUsersPerRun != null ? maxUsersPerRun : Integer.valueOf(defaults.maxUsersPerRun()),
                maxShareOfAccount != null ? maxShareOfAccount : Integer.valueOf(defaults.maxShareOfAccount()),
                maxConcurrencyPerAccount != null ? maxConcurrencyPerAccount
                        : Integer.valueOf(defaults.maxConcurrencyPerAccount()),
                approvalTimeoutSeconds != null ? approvalTimeoutSeconds
                        : Integer.valueOf(defaults.approvalTimeoutSeconds()),
                trigger);
    }

    /** Why a run selects in at most {@link #MAX_ACCOUNTS} accounts, and the fix. */
    public static String tooManyAccounts() {
        return "a run selects in at most " + MAX_ACCOUNTS + " accounts, so that its state stays under Step Functions'"
                + " 256 KiB payload limit; split the run into runs of at most " + MAX_ACCOUNTS + " accounts each,"
                + " each with its own \"run\" and \"accounts\"";
    }

    /** The run name a request without {@code run} gets from its fleet execution's name. */
    public static String runNamedAfter(String fleetExecution) {
        String name = NOT_RUN_CHARACTER.matcher(fleetExecution).replaceAll("-");
        return name.length() <= MAX_RUN_LENGTH ? name : name.substring(0, MAX_RUN_LENGTH);
    }

    /** The selectors the request gives, in {@link #SELECTORS}' order. */
    public List<String> selectors() {
        List<String> given = new ArrayList<>();
        if (users != null) {
            given.add("users");
        }
        if (usersFrom != null) {
            given.add("usersFrom");
        }
        if (pathPrefix != null) {
            given.add("pathPrefix");
        }
        if (tags != null) {
            given.add("tags");
        }
        if (unusedForDays != null) {
            given.add("unusedForDays");
        }
        return given;
    }

    /** Whether the request names its users (in {@code users} or in {@code usersFrom}). */
    public boolean namesUsers() {
        return users != null || usersFrom != null;
    }

    private List<String> valueProblems(FieldNames names) {
        List<String> problems = new ArrayList<>();
        if (run != null && !RUN.matcher(run).matches()) {
            problems.add(names.field("run") + " must be 1 to " + MAX_RUN_LENGTH + " letters, digits, '-' or '_', e.g."
                    + " \"stale-users-2026-12\" (leave it out to name the run after the fleet execution)");
        }
        accountsProblems(names, problems);
        if (selectors().isEmpty()) {
            problems.add("the request selects no users: give at least one of "
                    + String.join(", ", SELECTORS.stream().map(names::field).toList())
                    + " (they combine with AND); selecting every user of an account is refused");
        }
        if (users != null && usersFrom != null) {
            problems.add(names.field("users") + " and " + names.field("usersFrom") + " cannot both be given: name the"
                    + " users in one of them");
        }
        usersProblems(names, problems);
        if (usersFrom != null) {
            problems.addAll(usersFrom.problems(names));
        }
        if (pathPrefix != null && (pathPrefix.length() > MAX_PATH_PREFIX_LENGTH
                || !PATH_PREFIX.matcher(pathPrefix).matches())) {
            problems.add(names.field("pathPrefix") + " must be an IAM path prefix that starts and ends with '/' (1 to "
                    + MAX_PATH_PREFIX_LENGTH + " characters, no space or control character), e.g. \"/contractors/\"");
        }
        tagsProblems(names, problems);
        range(names, "unusedForDays", unusedForDays, 1, MAX_UNUSED_FOR_DAYS, "days", problems);
        range(names, "quarantineDays", quarantineDays, 0, OffboardingRequest.MAX_QUARANTINE_DAYS, "days (0: none)",
                problems);
        OffboardingRequest.textProblem(names.field("reason"), reason).ifPresent(problems::add);
        OffboardingRequest.textProblem(names.field("requestedBy"), requestedBy).ifPresent(problems::add);
        range(names, "maxUsersPerRun", maxUsersPerRun, 1, MAX_USERS_PER_RUN, "users", problems);
        range(names, "maxShareOfAccount", maxShareOfAccount, 1, MAX_SHARE_OF_ACCOUNT, "percent of an account's users",
                problems);
        range(names, "maxConcurrencyPerAccount", maxConcurrencyPerAccount, 1, MAX_CONCURRENCY_PER_ACCOUNT,
                "child workflows at once", problems);
        range(names, "approvalTimeoutSeconds", approvalTimeoutSeconds, MIN_APPROVAL_TIMEOUT_SECONDS,
                MAX_APPROVAL_TIMEOUT_SECONDS, "seconds (1 minute to 7 days)", problems);
        if (trigger != null) {
            problems.addAll(trigger.problems(names.field("trigger")));
        }
        return problems;
    }

    private void accountsProblems(FieldNames names, List<String> problems) {
        if (accounts != null && Boolean.TRUE.equals(organization)) {
            problems.add(names.field("accounts") + " and " + names.field("organization") + " cannot both be given:"
                    + " list the accounts, or select every active account of the organization");
        }
        if (accounts == null) {
            return;
        }
        if (accounts.isEmpty()) {
            problems.add(names.field("accounts") + " must list 1 to " + MAX_ACCOUNTS + " account ids; it lists none"
                    + " (leave it out for the account the stack runs in)");
        } else if (accounts.size() > MAX_ACCOUNTS) {
            problems.add(names.field("accounts") + " must list 1 to " + MAX_ACCOUNTS + " account ids; it lists "
                    + accounts.size() + ": " + tooManyAccounts());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < accounts.size(); i++) {
            String account = accounts.get(i);
            String name = names.element("accounts", i, account);
            if (account == null || !ACCOUNT_ID.matcher(account).matches()) {
                problems.add(name + " must be a 12-digit AWS account id such as \"111111111111\" (as a string)");
            } else if (!seen.add(account)) {
                problems.add(name + " repeats account " + account + ": list each account once");
            }
        }
    }

    private void usersProblems(FieldNames names, List<String> problems) {
        if (users == null) {
            return;
        }
        if (users.isEmpty() || users.size() > MAX_USERS) {
            problems.add(names.field("users") + " must name 1 to " + MAX_USERS + " users; it names " + users.size()
                    + " (for more, put them in a file and give " + names.field("usersFrom") + ")");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            String user = users.get(i);
            List<String> nameProblems = UserNames.problems(names.element("users", i, user), user);
            problems.addAll(nameProblems);
            if (nameProblems.isEmpty()) {
                // IAM user names are unique ignoring case: "Alice" and "alice" are one user.
                Integer first = seen.putIfAbsent(user.toLowerCase(Locale.ROOT), i);
                if (first != null) {
                    problems.add(names.quoted("users", i, user) + " repeats "
                            + names.earlier("users", first, users.get(first)) + " (IAM user names are unique ignoring"
                            + " case): name each user once");
                }
            }
        }
    }

    private void tagsProblems(FieldNames names, List<String> problems) {
        if (tags == null) {
            return;
        }
        if (tags.isEmpty() || tags.size() > MAX_TAGS) {
            problems.add(names.field("tags") + " must give 1 to " + MAX_TAGS + " tags, each {\"key\": ..., \"value\":"
                    + " ...}; it gives " + tags.size());
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < tags.size(); i++) {
            TagFilter tag = tags.get(i);
            if (tag == null) {
                problems.add(names.element("tags", i, "null") + " is null: give {\"key\": ..., \"value\": ...}");
                continue;
            }
            List<String> tagProblems = tag.problems(names, i);
            problems.addAll(tagProblems);
            if (tagProblems.isEmpty()) {
                Integer first = seen.putIfAbsent(tag.key().toLowerCase(Locale.ROOT), i);
                if (first != null) {
                    problems.add(names.member("tags", i, tag.toString(), "key") + " \"" + tag.key() + "\" repeats "
                            + names.member("tags", first, tags.get(first).toString(), "key") + ": a user carries one"
                            + " value per tag key, so no user could match both");
                }
            }
        }
    }

    private static void range(FieldNames names, String name, Integer value, int min, int max, String unit,
                              List<String> problems) {
        if (value != null && (value < min || value > max)) {
            problems.add(names.field(name) + " must be from " + min + " to " + max + " " + unit + "; it is " + value);
        }
    }
}
