package dev.offboarding.fleetrun;

import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.fleet.ChildExecutionName;
import dev.offboarding.fleet.FleetRequest;
import dev.offboarding.validation.OffboardingRequest;
import java.util.List;

/**
 * The child items of a fleet run: one OffboardUser request per user, as a person would start it by hand. It never
 * carries {@code force} or {@code allowPrivileged}, and names its account only when it is not the stack's own. It
 * carries no {@code trigger} either: validate-request believes a trigger only on the execution named after that
 * event ({@code event-<id>}), so a child carrying the fleet's trigger would be refused; the child's {@code reason}
 * names the fleet run instead.
 */
final class ChildItems {
    private final Fleet fleet;
    private final String homeAccountId;

    ChildItems(Fleet fleet, String homeAccountId) {
        this.fleet = fleet;
        this.homeAccountId = homeAccountId;
    }

    /** A dry run of the user, named after this fleet execution: every attempt plans afresh. */
    ChildItem plan(String accountId, String userName) {
        return item(ChildExecutionName.forPlan(fleet.fleetExecution(), accountId, userName), accountId, userName,
                true);
    }

    /** The user's offboarding (a dry run again if the fleet is one), named after the run: a re-run cannot repeat it. */
    ChildItem offboard(String accountId, String userName) {
        return item(ChildExecutionName.forOffboard(fleet.run(), accountId, userName), accountId, userName,
                fleet.request().dryRun());
    }

    private ChildItem item(String execution, String accountId, String userName, boolean dryRun) {
        FleetRequest r = fleet.request();
        String byTheFleet = "fleet run " + fleet.run();
        OffboardingRequest request = new OffboardingRequest(userName,
                accountId.equals(homeAccountId) ? null : accountId, dryRun, null, r.quarantineDays(),
                r.reason() == null ? byTheFleet : byTheFleet + ": " + r.reason(),
                r.requestedBy() == null ? byTheFleet : r.requestedBy(), null, null, null, null, null, null);
        List<String> problems = request.problems();
        if (!problems.isEmpty()) {
            // The single-user workflow would refuse this request as malformed: the fleet never starts it.
            throw new InvalidRequestException("the offboarding request for user " + userName + " in account "
                    + accountId + " would be refused by OffboardUser: " + String.join("; ", problems)
                    + " (fix the fleet request: the child's reason is \"" + byTheFleet + ": \" and the fleet's reason)");
        }
        return new ChildItem(execution, userName, accountId, request);
    }
}
