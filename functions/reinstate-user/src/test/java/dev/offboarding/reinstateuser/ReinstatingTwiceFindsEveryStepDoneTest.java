package dev.offboarding.reinstateuser;

import static dev.offboarding.reinstateuser.QuarantinedUser.ACTIVE_KEY;
import static dev.offboarding.reinstateuser.QuarantinedUser.INACTIVE_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.offboarding.audit.DenyLift;
import dev.offboarding.audit.ReactivatedItem;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every step of a reinstate can be run again: a second reinstate of the same lock-out goes over the same steps, finds
 * them done (the deny already lifted, the credentials active), and its record names the first.
 */
class ReinstatingTwiceFindsEveryStepDoneTest {

    @Test
    void theSecondReinstateChangesNothingTheFirstDidNotAndNamesIt() {
        QuarantinedUser user = QuarantinedUser.lockedOut();
        ReinstateUserResult first = user.reinstate(false);
        user.clock.set(user.clock.instant().plus(Duration.ofMinutes(10)));
        user.iam.calls().clear();

        ReinstateUserResult second = user.reinstate(false);

        assertEquals(Outcome.REINSTATED, second.outcome());
        assertEquals(first.record().key(), second.reinstatement().reinstatedBefore());
        assertEquals(DenyLift.Result.ALREADY_LIFTED, second.reinstatement().deny().result(),
                "AWSDenyAll was no longer attached (NoSuchEntity)");
        assertEquals(first.reinstatement().reactivated(), second.reinstatement().reactivated());
        assertEquals(ReactivatedItem.Result.LEFT_INACTIVE, second.reinstatement().reactivated().get(1).result());
        assertEquals("Active", user.status(BlockerKind.ACCESS_KEY, ACTIVE_KEY));
        assertEquals("Inactive", user.status(BlockerKind.ACCESS_KEY, INACTIVE_KEY));
        assertEquals(List.of(), user.attachedPolicies());
        assertEquals(3, user.keys().size(), "the lock-out's record and one per reinstate: " + user.keys());
        assertEquals(Outcome.REINSTATED, user.read(first.record().key()).outcome(), "the first is left as it was");
    }
}
