package dev.offboarding.fleetrun;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The report's counts: users by outcome, and by error (refusals and failures). */
record Counts(Map<UserOutcome, Integer> byOutcome, Map<String, Integer> byError) {
    static Counts of(List<ReportedUser> users) {
        Map<UserOutcome, Integer> byOutcome = new EnumMap<>(UserOutcome.class);
        Map<String, Integer> byError = new TreeMap<>();
        for (ReportedUser user : users) {
            byOutcome.merge(user.outcome(), 1, Integer::sum);
            if (user.error() != null) {
                byError.merge(user.error(), 1, Integer::sum);
            }
        }
        return new Counts(byOutcome, byError);
    }
}
