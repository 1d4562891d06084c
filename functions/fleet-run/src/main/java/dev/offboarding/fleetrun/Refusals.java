package dev.offboarding.fleetrun;

import dev.offboarding.decision.Guard;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The errors by which OffboardUser refuses a user (README: Workflow errors): the guards' (protected, privileged,
 * recently active). A person decides about each; any other error is a failure.
 */
final class Refusals {
    private static final Set<String> ERRORS = Arrays.stream(Guard.values()).map(Guard::error)
            .collect(Collectors.toUnmodifiableSet());

    private Refusals() {
    }

    static boolean isRefusal(String error) {
        return ERRORS.contains(error);
    }
}
