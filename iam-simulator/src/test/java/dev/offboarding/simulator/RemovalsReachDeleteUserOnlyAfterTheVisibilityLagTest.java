package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;

class RemovalsReachDeleteUserOnlyAfterTheVisibilityLagTest {

    private static final Duration LAG = Duration.ofSeconds(5);

    private final MutableClock clock = Fixtures.clock();
    private final IamSimulator sim = Fixtures.simulatorWithUser(clock).visibilityLag(LAG);

    @Test
    void aDeletedKeyIsGoneForReadsAtOnceButStillBlocksDeleteUserUntilTheLagHasPassed() {
        String keyId = sim.createAccessKey(r -> r.userName(USER)).accessKey().accessKeyId();
        sim.deleteAccessKey(r -> r.userName(USER).accessKeyId(keyId));

        assertEquals(List.of(), sim.listAccessKeys(r -> r.userName(USER)).accessKeyMetadata());
        assertEquals(List.of(), sim.remainingBlockers(USER));
        DeleteConflictException e = assertThrows(DeleteConflictException.class,
                () -> sim.deleteUser(r -> r.userName(USER)));
        assertEquals("Cannot delete entity, must remove tokens from principal first.", e.awsErrorDetails().errorMessage());

        clock.advance(LAG.minusMillis(1));
        assertThrows(DeleteConflictException.class, () -> sim.deleteUser(r -> r.userName(USER)));

        clock.advance(Duration.ofMillis(1));
        sim.deleteUser(r -> r.userName(USER));
        assertFalse(sim.userExists(USER));
    }

    @ParameterizedTest
    @EnumSource(Attachment.class)
    void everyKindOfRemovalLags(Attachment kind) {
        kind.attach(sim, USER).run();

        DeleteConflictException e = assertThrows(DeleteConflictException.class,
                () -> sim.deleteUser(r -> r.userName(USER)));
        assertEquals(kind.deleteConflictMessage, e.awsErrorDetails().errorMessage());

        clock.advance(LAG);
        sim.deleteUser(r -> r.userName(USER));
    }

    @Test
    void aRecreatedItemIsANewItemThatBlocksOnItsOwn() {
        sim.createLoginProfile(r -> r.userName(USER).password("Correct-Horse-Battery-1"));
        sim.deleteLoginProfile(r -> r.userName(USER));
        clock.advance(Duration.ofSeconds(3));
        sim.createLoginProfile(r -> r.userName(USER).password("Correct-Horse-Battery-2"));
        clock.advance(Duration.ofSeconds(3));

        assertEquals(List.of("login profile"), sim.remainingBlockers(USER));
        sim.deleteLoginProfile(r -> r.userName(USER));
        assertThrows(DeleteConflictException.class, () -> sim.deleteUser(r -> r.userName(USER)));

        clock.advance(LAG);
        sim.deleteUser(r -> r.userName(USER));
        assertTrue(sim.calls().all().stream().anyMatch(c -> c.operation().equals("DeleteUser") && c.outcome().equals("OK")));
    }

    @Test
    void withoutALagRemovalsReachDeleteUserImmediately() {
        IamSimulator immediate = Fixtures.simulatorWithUser(clock);
        Attachment.ACCESS_KEY.attach(immediate, USER).run();
        immediate.deleteUser(r -> r.userName(USER));
        assertFalse(immediate.userExists(USER));
    }
}
