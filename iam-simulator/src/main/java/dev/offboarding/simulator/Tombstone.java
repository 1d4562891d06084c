package dev.offboarding.simulator;

import java.time.Instant;

/**
 * A removed blocker that DeleteUser still sees until {@code visibleUntil}: IAM is eventually
 * consistent, and its delete-conflict check can lag behind what reads already show.
 */
record Tombstone(Blocker blocker, Instant visibleUntil) {

    boolean stillVisibleAt(Instant now) {
        return now.isBefore(visibleUntil);
    }
}
