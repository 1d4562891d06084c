package dev.offboarding.removetokens;

import dev.offboarding.model.RemovalMode;
import dev.offboarding.model.DenyAttachment;
import dev.offboarding.model.RemovedItem;
import java.time.Instant;
import java.util.List;

/**
 * The deny of every action the round attached first ({@code deny}; in a dry run the one it would attach; null when the
 * user no longer exists), then one entry per item acted on (or planned, in a dry run). {@code quarantineUntil} is set for a LOCK_OUT with
 * quarantine days: the time until which the workflow waits before it takes a fresh inventory.
 */
public record RemoveTokensResult(String userName, RemovalMode mode, boolean dryRun, DenyAttachment deny,
                                 List<RemovedItem> items,
                                 Instant quarantineUntil) {
    public RemoveTokensResult {
        items = List.copyOf(items);
    }
}
