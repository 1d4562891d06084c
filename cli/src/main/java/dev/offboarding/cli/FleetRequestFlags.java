package dev.offboarding.cli;

import dev.offboarding.fleet.FieldNames;
import java.util.Map;

/**
 * The fleet request's fields named by the flags that set them, so that a problem found in a request built from
 * flags names the flag: {@code --user "night owl"}, {@code --users-from: the key}, {@code --max-users}.
 */
final class FleetRequestFlags implements FieldNames {
    static final FleetRequestFlags NAMES = new FleetRequestFlags();

    private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry("run", "--run"),
            Map.entry("accounts", "--account"), Map.entry("organization", "--organization"),
            Map.entry("users", "--user"), Map.entry("usersFrom", "--users-from"),
            Map.entry("pathPrefix", "--path-prefix"), Map.entry("tags", "--tag"),
            Map.entry("unusedForDays", "--unused-for-days"), Map.entry("dryRun", "--execute"),
            Map.entry("quarantineDays", "--quarantine-days"), Map.entry("reason", "--reason"),
            Map.entry("requestedBy", "--requested-by"), Map.entry("requireApproval", "--require-approval"),
            Map.entry("maxUsersPerRun", "--max-users"), Map.entry("maxShareOfAccount", "--max-share"),
            Map.entry("maxConcurrencyPerAccount", "--max-concurrency-per-account"),
            Map.entry("approvalTimeoutSeconds", "--approval-timeout"));
    /** What one value of a repeatable flag is. */
    private static final Map<String, String> ONE = Map.of("accounts", "account", "users", "user", "tags", "tag");

    private FleetRequestFlags() {
    }

    @Override
    public String field(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? flag(path) : flag(path.substring(0, dot)) + ": the " + path.substring(dot + 1);
    }

    @Override
    public String element(String list, int index, String value) {
        return flag(list) + " \"" + value + "\"";
    }

    /** The flag already quotes its value. */
    @Override
    public String quoted(String list, int index, String value) {
        return element(list, index, value);
    }

    /** Flags have no index: the earlier one is named by its value. */
    @Override
    public String earlier(String list, int index, String value) {
        return "a " + ONE.getOrDefault(list, "value") + " given before (" + element(list, index, value) + ")";
    }

    @Override
    public String member(String list, int index, String value, String member) {
        return element(list, index, value) + ": the " + member;
    }

    private static String flag(String field) {
        return FLAGS.getOrDefault(field, field);
    }
}
