package dev.offboarding.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.offboarding.model.RemovalMode;
import dev.offboarding.model.UserInventory;
import dev.offboarding.validation.OffboardingRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What happens to a user, from the inventory's guard facts and the request's flags, at each look. Columns: phase,
 * the user exists, protected, privileged, recently active, dryRun, force, quarantineDays, allowPrivileged; then the
 * decision's kind, the guard that refuses (or would), the mode and the quarantine handed to remove-tokens.
 */
class DeciderTest {
    private static final Instant TAKEN = Instant.parse("2026-11-20T12:00:00Z");

    @ParameterizedTest(name = "[{index}] {0} exists={1} protected={2} privileged={3} recent={4} dryRun={5}"
            + " force={6} quarantine={7} allowPrivileged={8} -> {9}")
    @CsvSource(nullValues = "-", value = {
        // The user is gone: nothing to do, whatever else the request says.
        "FIRST, false, false, false, false, false, false, 0, false, ABSENT,    -,               -,        0",
        "FIRST, false, false, false, false, true,  false, 0, false, ABSENT,    -,               -,        0",
        "AGAIN, false, true,  false, false, false, false, 0, false, ABSENT,    -,               -,        0",
        "LAST,  false, false, false, false, false, false, 0, false, ABSENT,    -,               -,        0",
        // A quiet, unprotected, unprivileged user is removed, or locked out first when a quarantine is asked for.
        "FIRST, true,  false, false, false, false, false, 0, false, REMOVE,    -,               REMOVE,   0",
        "FIRST, true,  false, false, false, false, false, 7, false, LOCK_OUT,  -,               LOCK_OUT, 7",
        // Guards, in order: protection first, then privilege, then recent activity.
        "FIRST, true,  true,  true,  true,  false, false, 0, false, REFUSE,    PROTECTED,       -,        0",
        "FIRST, true,  true,  false, false, false, true,  0, true,  REFUSE,    PROTECTED,       -,        0",
        "FIRST, true,  false, true,  true,  false, false, 0, false, REFUSE,    PRIVILEGED,      -,        0",
        "FIRST, true,  false, true,  false, false, false, 0, true,  REMOVE,    -,               REMOVE,   0",
        "FIRST, true,  false, false, true,  false, false, 0, false, REFUSE,    RECENTLY_ACTIVE, -,        0",
        // Recent activity is overridden by force, or by a quarantine (the lock-out makes the credentials unusable).
        "FIRST, true,  false, false, true,  false, true,  0, false, REMOVE,    -,               REMOVE,   0",
        "FIRST, true,  false, false, true,  false, false, 3, false, LOCK_OUT,  -,               LOCK_OUT, 3",
        // A dry run plans the whole removal and says which guard would refuse; never a lock-out.
        "FIRST, true,  false, false, false, true,  false, 0, false, DRY_RUN,   -,               REMOVE,   0",
        "FIRST, true,  false, false, false, true,  false, 7, false, DRY_RUN,   -,               REMOVE,   0",
        "FIRST, true,  true,  false, false, true,  false, 0, false, DRY_RUN,   PROTECTED,       REMOVE,   0",
        "FIRST, true,  false, true,  false, true,  false, 0, false, DRY_RUN,   PRIVILEGED,      REMOVE,   0",
        "FIRST, true,  false, false, true,  true,  false, 0, false, DRY_RUN,   RECENTLY_ACTIVE, REMOVE,   0",
        // After a lock-out or a removal round: recent activity no longer counts, protection and privilege do,
        // and the quarantine is over (REMOVE with no quarantine, which remove-tokens refuses with REMOVE).
        "AGAIN, true,  false, false, true,  false, false, 7, false, REMOVE,    -,               REMOVE,   0",
        "AGAIN, true,  false, false, true,  false, false, 0, false, REMOVE,    -,               REMOVE,   0",
        "AGAIN, true,  true,  false, false, false, false, 7, false, REFUSE,    PROTECTED,       -,        0",
        "AGAIN, true,  false, true,  false, false, false, 0, false, REFUSE,    PRIVILEGED,      -,        0",
        "AGAIN, true,  false, true,  false, false, false, 0, true,  REMOVE,    -,               REMOVE,   0",
        // The sweeps are used up and the user is still there.
        "LAST,  true,  false, false, false, false, false, 0, false, GIVE_UP,   -,               -,        0",
        "LAST,  true,  true,  false, false, false, false, 0, false, GIVE_UP,   -,               -,        0",
    })
    void decidesFromTheInventoryAndTheRequest(Phase phase, boolean exists, boolean protectedUser, boolean privileged,
                                              boolean recentlyActive, boolean dryRun, boolean force,
                                              int quarantineDays, boolean allowPrivileged, DecisionKind kind,
                                              Guard refusedBy, RemovalMode mode, int quarantineHandedOver) {
        UserInventory inventory = inventory(exists, protectedUser, privileged, recentlyActive);
        OffboardingRequest request = new OffboardingRequest("bob", null, dryRun, force, quarantineDays, null, null,
                allowPrivileged, null, null, null, phase, null);

        Decision decision = Decider.decide(inventory, request);

        assertEquals(new Decision(kind, phase, mode, kind == DecisionKind.DRY_RUN, quarantineHandedOver, refusedBy),
                decision);
    }

    @ParameterizedTest(name = "[{index}] no phase reads as FIRST: recently active, dryRun={0} -> {1}")
    @CsvSource({"false, REFUSE", "true, DRY_RUN"})
    void aRequestWithoutAPhaseIsTheFirstLook(boolean dryRun, DecisionKind kind) {
        OffboardingRequest request = new OffboardingRequest("bob", null, dryRun, null, null, null, null, null, null,
                null, null, null, null);

        Decision decision = Decider.decide(inventory(true, false, false, true), request);

        assertEquals(kind, decision.kind());
        assertEquals(Phase.FIRST, decision.phase());
        assertEquals(Guard.RECENTLY_ACTIVE, decision.refusedBy());
    }

    private static UserInventory inventory(boolean exists, boolean protectedUser, boolean privileged,
                                           boolean recentlyActive) {
        if (!exists) {
            return UserInventory.absent("bob", TAKEN);
        }
        return new UserInventory("bob", true, null, null, null, null, null, null, null, null, null, null, null,
                protectedUser, recentlyActive, privileged, privileged ? List.of("AdministratorAccess") : List.of(),
                TAKEN, null);
    }
}
