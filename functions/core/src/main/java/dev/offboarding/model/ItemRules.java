package dev.offboarding.model;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every item of one kind must be before any of it is sent to IAM: its id in the form IAM's API gives it, its
 * status one of IAM's two values exactly (for a kind that has one), nothing missing, nothing listed twice, and no
 * more items than IAM lets one user have. A problem names the item by its path, e.g.
 * {@code inventory.accessKeys[1].status}, and says how to fix it.
 *
 * @param idIgnoresCase IAM treats two ids that differ only in case as the same (group names)
 * @param across        a rule over the whole list (null: none)
 */
public record ItemRules<T>(String idField, Function<T, String> id, IdRule idRule, Quota quota,
                           Function<T, String> status, boolean idIgnoresCase, Across<T> across) {
    /** IAM's {@code statusType}, as IAM writes it. */
    public static final List<String> STATUSES = List.of("Active", "Inactive");
    private static final String FROM = "take it from list-tokens' output";

    /** At most {@code max} items per user: IAM's quota, in the words a refusal uses ({@code of}, e.g. "groups"). */
    public record Quota(int max, String of) {
    }

    /** A rule over all the items of a list at once, e.g. IAM's quota per service. */
    @FunctionalInterface
    public interface Across<T> {
        void check(String list, List<T> items, List<String> problems);
    }

    static <T> ItemRules<T> of(String idField, Function<T, String> id, IdRule idRule, Quota quota) {
        return new ItemRules<>(idField, id, idRule, quota, null, false, null);
    }

    ItemRules<T> withStatus(Function<T, String> status) {
        return new ItemRules<>(idField, id, idRule, quota, status, idIgnoresCase, across);
    }

    ItemRules<T> idIgnoringCase() {
        return new ItemRules<>(idField, id, idRule, quota, status, true, across);
    }

    ItemRules<T> and(Across<T> rule) {
        return new ItemRules<>(idField, id, idRule, quota, status, idIgnoresCase, rule);
    }

    /** Adds to {@code problems} every problem of {@code items}, the list at path {@code list}. */
    void check(String list, List<T> items, List<String> problems) {
        if (items.size() > quota.max()) {
            problems.add(list + " has " + items.size() + " items; IAM lets a user have at most " + quota.max() + " "
                    + quota.of() + ": this is not one user's inventory, take it again with list-tokens");
        } else {
            checkEach(list, items, problems);
        }
        if (across != null) {
            across.check(list, items, problems);
        }
    }

    private void checkEach(String list, List<T> items, List<String> problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String field = list + "[" + i + "]";
            T item = items.get(i);
            if (item == null) {
                problems.add(field + " is null: remove it, or give the item as list-tokens lists it");
                continue;
            }
            int before = problems.size();
            idRule.problem(field + "." + idField, id.apply(item), FROM).ifPresent(problems::add);
            if (status != null) {
                status(field + ".status", status.apply(item)).ifPresent(problems::add);
            }
            String key = id.apply(item);
            if (problems.size() == before && key != null) {
                Integer first = seen.putIfAbsent(idIgnoresCase ? key.toLowerCase(Locale.ROOT) : key, i);
                if (first != null) {
                    problems.add(field + "." + idField + " " + key + " is listed twice (also at " + list + "[" + first
                            + "]): list each item once");
                }
            }
        }
    }

    /** Absent, or one of IAM's two values exactly: "ACTIVE" is not IAM's "Active", and must not be read as inactive. */
    private static Optional<String> status(String field, String status) {
        if (status == null || STATUSES.contains(status)) {
            return Optional.empty();
        }
        String sent = status.length() <= 16 && status.matches("[A-Za-z]*") ? "it is \"" + status + "\""
                : "it is something else";
        return Optional.of(field + " must be \"Active\" or \"Inactive\", exactly as IAM writes it (case matters),"
                + " or absent; " + sent);
    }
}
