package dev.offboarding.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every user's permissions after each change, keyed by user id (a user re-created under the same name is another
 * user). IAM's enforcement sees a change only some time after it is made; this history is what lets it look back.
 * Not thread-safe by itself; used under the simulator's lock.
 */
final class PermissionHistory {

    private final Map<String, List<PermissionSnapshot>> byUserId = new HashMap<>();

    void record(String userId, PermissionSnapshot snapshot) {
        byUserId.computeIfAbsent(userId, id -> new ArrayList<>()).add(snapshot);
    }

    /**
     * The permissions enforcement sees at {@code cutoff} (now minus the visibility lag): the latest change made at or
     * before it. A user's starting state is always visible.
     */
    PermissionSnapshot visibleAt(String userId, Instant cutoff) {
        List<PermissionSnapshot> snapshots = byUserId.getOrDefault(userId, List.of());
        for (int i = snapshots.size() - 1; i >= 0; i--) {
            if (!snapshots.get(i).takenAt().isAfter(cutoff)) {
                return snapshots.get(i);
            }
        }
        throw new IllegalStateException("no permissions recorded for user id " + userId);
    }
}
