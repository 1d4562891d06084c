package dev.offboarding.decision;

import dev.offboarding.model.UserInventory;
import dev.offboarding.validation.OffboardingRequest;
import java.util.Optional;

/** A reason to refuse to offboard a user, with the workflow's error name for it; checked in this order. */
public enum Guard {
    PROTECTED("Offboarding.UserProtected"),
    PRIVILEGED("Offboarding.UserPrivileged"),
    RECENTLY_ACTIVE("Offboarding.UserRecentlyActive");

    private final String error;

    Guard(String error) {
        this.error = error;
    }

    public String error() {
        return error;
    }

    /** The first guard the user trips at this phase, if any. */
    static Optional<Guard> trippedBy(UserInventory inventory, OffboardingRequest request, Phase phase) {
        if (inventory.protectedUser()) {
            return Optional.of(PROTECTED);
        }
        if (inventory.privileged() && !Boolean.TRUE.equals(request.allowPrivileged())) {
            return Optional.of(PRIVILEGED);
        }
        if (phase == Phase.FIRST && inventory.recentlyActive() && !Boolean.TRUE.equals(request.force())
                && request.quarantine() == 0) {
            return Optional.of(RECENTLY_ACTIVE);
        }
        return Optional.empty();
    }
}
