package dev.offboarding.audit;

import dev.offboarding.model.DenyAttachment;
import dev.offboarding.model.RemovalMode;
import dev.offboarding.model.RemovedItem;
import java.time.Instant;
import java.util.List;

/**
 * One remove-tokens round of an execution: its mode, the deny of every action it attached first (how and when), what
 * it did to each item, and the quarantine it began.
 */
public record RemovalRound(RemovalMode mode, Instant quarantineUntil, DenyAttachment deny, List<RemovedItem> items) {
    public RemovalRound {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
