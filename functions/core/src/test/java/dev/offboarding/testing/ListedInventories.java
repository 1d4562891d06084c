package dev.offboarding.testing;

import dev.offboarding.iam.IamGateway;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.Listing;
import dev.offboarding.model.UserInventory;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** A user's inventory of some kinds of blocker, read one call after the other as each kind lists it. */
public final class ListedInventories {
    private ListedInventories() {
    }

    public static UserInventory of(IamGateway iam, String userName, Instant takenAt, List<BlockerKind> kinds) {
        UserInventory.Found found = new UserInventory.Found();
        for (BlockerKind kind : kinds) {
            Listing<?> listing = kind.list(iam, userName);
            listing.detailCalls(iam, userName).stream().map(Supplier::get).forEach(Runnable::run);
            listing.putInto(found);
        }
        return found.of(userName, iam.user(userName).orElseThrow(), takenAt);
    }
}
