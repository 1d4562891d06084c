package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.UserNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fleet request's rules, checked here before anything is started so that a mistake is named at once (the flag,
 * or the field of the request file). The workflow's own validation (ValidateFleetRequest) stays the authority: what
 * passes here may still be refused there, with Offboarding.InvalidRequest.
 */
final class FleetRequestRules {
    static final List<String> FIELDS = List.of("run", "accounts", "organization", "users", "usersFrom", "pathPrefix",
            "tags", "unusedForDays", "dryRun", "quarantineDays", "reason", "requestedBy", "requireApproval",
            "maxUsersPerRun", "maxShareOfAccount", "maxConcurrencyPerAccount", "approvalTimeoutSeconds");
    static final List<String> SELECTORS = List.of("users", "usersFrom", "pathPrefix", "tags", "unusedForDays");

    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern PATH_PREFIX = Pattern.compile("/([\\u0021-\\u007E]+/)?");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    /** How a problem names what is wrong: a request file's field, or the flag that set it. */
    interface Names {
        String field(String field);

        String element(String field, int index, String value);

        /** The fields of a request file, as the file has them: users[0], usersFrom.key. */
        Names FILE = new Names() {
            @Override
            public String field(String field) {
                return field;
            }

            @Override
            public String element(String field, int index, String value) {
                return field + "[" + index + "]";
            }
        };

        /** The flags that set each field: --user "night owl", --max-users. */
        Names FLAGS = new Names() {
            private final Map<String, String> flags = Map.ofEntries(Map.entry("run", "--run"),
                    Map.entry("accounts", "--account"), Map.entry("organization", "--organization"),
                    Map.entry("users", "--user"), Map.entry("usersFrom", "--users-from"),
                    Map.entry("pathPrefix", "--path-prefix"), Map.entry("tags", "--tag"),
                    Map.entry("unusedForDays", "--unused-for-days"), Map.entry("dryRun", "--execute"),
                    Map.entry("quarantineDays", "--quarantine-days"), Map.entry("reason", "--reason"),
                    Map.entry("requestedBy", "--requested-by"), Map.entry("requireApproval", "--require-approval"),
                    Map.entry("maxUsersPerRun", "--max-users"), Map.entry("maxShareOfAccount", "--max-share"),
                    Map.entry("maxConcurrencyPerAccount", "--max-concurrency-per-account"),
                    Map.entry("approvalTimeoutSeconds", "--approval-timeout"));

            @Override
            public String field(String field) {
                int dot = field.indexOf('.');
                return flags.getOrDefault(dot < 0 ? field : field.substring(0, dot), field);
            }

            @Override
            public String element(String field, int index, String value) {
                return field(field) + " \"" + value + "\"";
            }
        };
    }

    private FleetRequestRules() {
    }

    /** Every problem of {@code request} (a fleet request as JSON), each naming its field by {@code names}. */
    static List<String> problems(JsonNode request, Names names) {
        List<String> problems = new ArrayList<>();
        if (!request.isObject()) {
            problems.add("a fleet request is a JSON object, e.g. {\"users\": [\"alice\"], \"reason\": \"...\"}");
            return problems;
        }
        for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (field.equals("trigger")) {
                problems.add(names.field(field) + " is set only by start-offboarding, for a run an event started;"
                        + " leave it out");
            } else if (!FIELDS.contains(field)) {
                problems.add("unknown field \"" + field + "\": a fleet request has " + String.join(", ", FIELDS));
            }
        }
        Rules rules = new Rules(request, names, problems);
        rules.text("run", RUN, "1 to 40 letters, digits, '-' or '_', e.g. \"stale-users-2026-12\"");
        rules.accounts();
        rules.bool("organization");
        if (request.has("accounts") && request.path("organization").asBoolean(false)) {
            problems.add(names.field("accounts") + " and " + names.field("organization") + " cannot both be given:"
                    + " list the accounts, or select every active account of the organization");
        }
        boolean selects = SELECTORS.stream().anyMatch(request::has);
        if (!selects) {
            problems.add("the request selects no users: give at least one of " + String.join(", ",
                    SELECTORS.stream().map(names::field).toList()) + " (they combine with AND); selecting every"
                    + " user of an account is refused");
        }
        if (request.has("users") && request.has("usersFrom")) {
            problems.add(names.field("users") + " and " + names.field("usersFrom") + " cannot both be given: name"
                    + " the users in one of them");
        }
        rules.users();
        rules.usersFrom();
        rules.pathPrefix();
        rules.tags();
        rules.number("unusedForDays", 1, 3650, "days");
        rules.bool("dryRun");
        rules.number("quarantineDays", 0, OffboardingRequest.MAX_QUARANTINE_DAYS, "days (0: none)");
        rules.auditText("reason");
        rules.auditText("requestedBy");
        rules.bool("requireApproval");
        rules.number("maxUsersPerRun", 1, 5000, "users");
        rules.number("maxShareOfAccount", 1, 100, "percent of an account's users");
        rules.number("maxConcurrencyPerAccount", 1, 50, "child workflows at once");
        rules.number("approvalTimeoutSeconds", 60, 604_800, "seconds (1 minute to 7 days)");
        return problems;
    }

    /** The checks of one request, adding to one list of problems. */
    private record Rules(JsonNode request, Names names, List<String> problems) {
        void text(String field, Pattern pattern, String what) {
            JsonNode value = request.get(field);
            if (value != null && (!value.isTextual() || !pattern.matcher(value.asText()).matches())) {
                problems.add(names.field(field) + " must be " + what);
            }
        }

        void auditText(String field) {
            JsonNode value = request.get(field);
            if (value == null) {
                return;
            }
            if (!value.isTextual()) {
                problems.add(names.field(field) + " must be a text");
            } else {
                OffboardingRequest.textProblem(names.field(field), value.asText()).ifPresent(problems::add);
            }
        }

        void bool(String field) {
            JsonNode value = request.get(field);
            if (value != null && !value.isBoolean()) {
                problems.add(names.field(field) + " must be true or false");
            }
        }

        void number(String field, int min, int max, String unit) {
            JsonNode value = request.get(field);
            if (value == null) {
                return;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                problems.add(names.field(field) + " must be a whole number from " + min + " to " + max + " " + unit);
            } else if (value.asInt() < min || value.asInt() > max) {
                problems.add(names.field(field) + " must be from " + min + " to " + max + " " + unit + "; it is "
                        + value.asInt());
            }
        }

        /** The field as a list of texts, or null (with the problem added) when it is not one. */
        List<String> texts(String field, int max, String what) {
            JsonNode value = request.get(field);
            if (value == null) {
                return null;
            }
            if (!value.isArray() || value.isEmpty() || value.size() > max) {
                problems.add(names.field(field) + " must list 1 to " + max + " " + what);
                return null;
            }
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                if (!value.get(i).isTextual()) {
                    problems.add(names.element(field, i, value.get(i).toString()) + " must be a text");
                    return null;
                }
                texts.add(value.get(i).asText());
            }
            return texts;
        }

        void accounts() {
            List<String> accounts = texts("accounts", 1000, "12-digit account ids (leave it out for the account the"
                    + " stack runs in)");
            if (accounts == null) {
                return;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < accounts.size(); i++) {
                String account = accounts.get(i);
                if (!ACCOUNT_ID.matcher(account).matches()) {
                    problems.add(names.element("accounts", i, account) + " must be a 12-digit AWS account id such as"
                            + " 111111111111");
                } else if (!seen.add(account)) {
                    problems.add(names.element("accounts", i, account) + " repeats an account: list each once");
                }
            }
        }

        void users() {
            List<String> users = texts("users", 1000, "IAM user names (for more, put them in a file: usersFrom)");
            if (users == null) {
                return;
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < users.size(); i++) {
                String label = names.element("users", i, users.get(i));
                List<String> nameProblems = UserNames.problems(label, users.get(i));
                problems.addAll(nameProblems);
                if (nameProblems.isEmpty() && seen.putIfAbsent(users.get(i).toLowerCase(Locale.ROOT), i) != null) {
                    problems.add(label + " repeats a user (IAM user names are unique ignoring case): name each once");
                }
            }
        }

        void usersFrom() {
            JsonNode value = request.get("usersFrom");
            if (value == null) {
                return;
            }
            String label = names.field("usersFrom");
            if (!value.isObject()) {
                problems.add(label + " must be {\"bucket\": ..., \"key\": ...}");
                return;
            }
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!field.equals("bucket") && !field.equals("key")) {
                    problems.add(label + " has an unknown field \"" + field + "\": it has bucket and key");
                }
            }
            String bucket = value.path("bucket").isTextual() ? value.path("bucket").asText() : null;
            String key = value.path("key").isTextual() ? value.path("key").asText() : null;
            if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
                problems.add(label + ": the bucket must be an S3 bucket name (3 to 63 lowercase letters, digits, dots"
                        + " and hyphens)");
            }
            String lower = key == null ? "" : key.toLowerCase(Locale.ROOT);
            if (key == null || key.length() > 1024 || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                    || !(lower.endsWith(".json") || lower.endsWith(".csv"))) {
                problems.add(label + ": the key must end in .json (an array of user names, or of {\"userName\","
                        + " \"accountId\"}) or .csv (a header row userName[,accountId]), at most 1024 characters");
            }
        }

        void pathPrefix() {
            JsonNode value = request.get("pathPrefix");
            if (value != null && (!value.isTextual() || value.asText().length() > 512
                    || !PATH_PREFIX.matcher(value.asText()).matches())) {
                problems.add(names.field("pathPrefix") + " must be an IAM path prefix that starts and ends with '/'"
                        + " (1 to 512 characters, no space), e.g. /contractors/");
            }
        }

        void tags() {
            JsonNode value = request.get("tags");
            if (value == null) {
                return;
            }
            if (!value.isArray() || value.isEmpty() || value.size() > 10) {
                problems.add(names.field("tags") + " must give 1 to 10 tags");
                return;
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode tag = value.get(i);
                String key = tag.path("key").isTextual() ? tag.path("key").asText() : null;
                String text = tag.path("value").isTextual() ? tag.path("value").asText() : null;
                String label = names.element("tags", i, key + "=" + text);
                if (!tag.isObject() || tag.size() != 2 || key == null || text == null) {
                    problems.add(label + " must be {\"key\": ..., \"value\": ...}");
                } else if (key.isEmpty() || key.length() > 128 || !TAG_TEXT.matcher(key).matches()) {
                    problems.add(label + ": the key must be 1 to 128 letters, digits, spaces and _ . : / = + - @");
                } else if (text.length() > 256 || !TAG_TEXT.matcher(text).matches()) {
                    problems.add(label + ": the value must be at most 256 letters, digits, spaces and _ . : / = + - @");
                } else if (seen.putIfAbsent(key.toLowerCase(Locale.ROOT), i) != null) {
                    problems.add(label + " repeats the tag key " + key + ": a user carries one value per key");
                }
            }
        }
    }
}
