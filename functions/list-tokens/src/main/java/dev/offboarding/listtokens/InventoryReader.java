package dev.offboarding.listtokens;

import dev.offboarding.iam.ConcurrentCalls;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.model.ActionDecision;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.Listing;
import dev.offboarding.model.UserDetails;
import dev.offboarding.model.UserInventory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Takes the inventory of one user: each kind of blocker as its {@link BlockerKind} lists it (every page), plus the
 * details the lists point at (the last use of each access key, the document of each inline policy). Only the user's
 * own lists are read: no account-wide scan.
 *
 * <p>Three rounds, the calls of each side by side: GetUser; the nine lists; the details, with the simulation of the
 * user's policies that says whether it can administer the account ({@link Privileges}). For a user with one page of
 * each kind that is three round trips whatever the number of items. GetUser goes first on its own so that a missing
 * user costs one call, not ten (a sweep or a re-run often finds the user already gone).
 */
final class InventoryReader {
    private final IamGateway iam;

    InventoryReader(IamGateway iam) {
        this.iam = iam;
    }

    UserInventory read(String userName, Instant takenAt) {
        Optional<UserDetails> user = iam.user(userName);
        if (user.isEmpty()) {
            return UserInventory.absent(userName, takenAt);
        }
        List<Listing<?>> lists = ConcurrentCalls.all(Arrays.stream(BlockerKind.values())
                .<Supplier<Listing<?>>>map(kind -> () -> kind.list(iam, userName)).toList());

        List<Supplier<Runnable>> details = new ArrayList<>();
        lists.forEach(listing -> details.addAll(listing.detailCalls(iam, userName)));
        AtomicReference<Optional<List<ActionDecision>>> simulation = new AtomicReference<>();
        details.add(() -> {
            Optional<List<ActionDecision>> decisions = iam.simulate(user.get().arn(), Privileges.ESCALATION_ACTIONS,
                    Privileges.AS_A_PERSON_WITH_MFA);
            return () -> simulation.set(decisions);
        });
        // Each call answers with what keeps its result; kept here, in the order of the calls.
        ConcurrentCalls.all(details).forEach(Runnable::run);

        UserInventory.Found found = new UserInventory.Found();
        lists.forEach(listing -> listing.putInto(found));
        UserInventory inventory = found.of(userName, user.get(), takenAt);
        return inventory.withGuards(null, false, false,
                Privileges.reasons(inventory.attachedPolicies(), simulation.get()));
    }
}
