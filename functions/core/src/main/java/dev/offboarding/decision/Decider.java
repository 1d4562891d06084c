package dev.offboarding.decision;

import dev.offboarding.model.UserInventory;
import dev.offboarding.validation.OffboardingRequest;
import java.util.Optional;

/** The one place that decides, from an inventory and the request, what happens to the user next. */
public final class Decider {
    private Decider() {
    }

    public static Decision decide(UserInventory inventory, OffboardingRequest request) {
        Phase phase = request.phase() == null ? Phase.FIRST : request.phase();
        if (!inventory.exists()) {
            return Decision.absent(phase);
        }
        Optional<Guard> guard = Guard.trippedBy(inventory, request, phase);
        return switch (phase) {
            case FIRST -> first(request, guard);
            case AGAIN -> guard.map(g -> Decision.refuse(phase, g)).orElseGet(() -> Decision.remove(phase));
            case LAST -> Decision.giveUp();
        };
    }

    private static Decision first(OffboardingRequest request, Optional<Guard> guard) {
        if (Boolean.TRUE.equals(request.dryRun())) {
            return Decision.dryRun(guard.orElse(null));
        }
        if (guard.isPresent()) {
            return Decision.refuse(Phase.FIRST, guard.get());
        }
        return request.quarantine() > 0 ? Decision.lockOut(request.quarantine()) : Decision.remove(Phase.FIRST);
    }
}
