package dev.offboarding.audit;

import dev.offboarding.model.RemovalMode;
import dev.offboarding.model.RemovedItem;
import java.time.Instant;
import java.util.List;

/** One remove-tokens round of an execution: its mode, what it did to each item, and the quarantine it began. */
public record RemovalRound(RemovalMode mode, Instant quarantineUntil, List<RemovedItem> items) {
    public RemovalRound {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
