package dev.offboarding.fleetrun;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How many users a fleet run may offboard: at most {@code maxUsersPerRun} in all, and in each account at most
 * {@code maxShareOfAccount} percent of its users (exactly at a limit is within it). The sentence when a limit is
 * exceeded names the numbers, the limit and how to raise it.
 */
final class BlastRadius {
    private BlastRadius() {
    }

    static Optional<String> exceeded(String run, Limits limits, int wouldOffboard, List<AccountPlan> accounts) {
        List<String> over = new ArrayList<>();
        List<String> raise = new ArrayList<>();
        if (wouldOffboard > limits.maxUsersPerRun()) {
            over.add("it would offboard " + wouldOffboard + " users, more than maxUsersPerRun (" + limits.maxUsersPerRun()
                    + ")");
            raise.add("\"maxUsersPerRun\": " + wouldOffboard);
        }
        int shareNeeded = 0;
        for (AccountPlan account : accounts) {
            if ((long) account.wouldOffboard() * 100 > (long) limits.maxShareOfAccount() * account.accountUsers()) {
                over.add("in account " + account.accountId() + " it would offboard " + account.wouldOffboard()
                        + " of its " + account.accountUsers() + " users (" + account.shareOfAccount()
                        + "%), more than maxShareOfAccount (" + limits.maxShareOfAccount() + "%)");
                shareNeeded = Math.max(shareNeeded, percentNeeded(account));
            }
        }
        if (shareNeeded > 0) {
            raise.add("\"maxShareOfAccount\": " + shareNeeded);
        }
        if (over.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Fleet run " + run + " exceeds its blast radius: " + String.join("; ", over)
                + ". Nobody was offboarded; the plan lists every user. To offboard them all the same, start the fleet"
                + " again by hand (console or offboard command) with " + String.join(" and ", raise)
                + " in the request; an event cannot raise these limits. Or narrow the selection.");
    }

    /** The smallest whole percentage that lets the account's users through. */
    private static int percentNeeded(AccountPlan account) {
        long users = account.accountUsers();
        return (int) Math.min(100, (account.wouldOffboard() * 100L + users - 1) / users);
    }
}
