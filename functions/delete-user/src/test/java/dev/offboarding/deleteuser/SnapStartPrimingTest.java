package dev.offboarding.deleteuser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.priming.SnapStartPriming;
import dev.offboarding.testing.NetworkConnections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Priming serves the sample request through the real request path, answered in memory: no network, no IAM change,
 * and it completes (a priming that fails is logged and the snapshot taken anyway, so only this test would notice).
 */
class SnapStartPrimingTest {

    @Test
    void primingExercisesTheIamCallsOfTheRequestWithoutOpeningAConnection() {
        NetworkConnections.Recorded<SnapStartPriming.Outcome> priming =
                NetworkConnections.during(() -> DeleteUserHandler.priming().prime());
        assertTrue(priming.result().succeeded(), priming.result()::describe);
        List<String> answeredInMemory = priming.result().answered();

        assertEquals(Set.of("DeleteUser"), Set.copyOf(answeredInMemory), answeredInMemory.toString());
        assertEquals(List.of(), priming.connections());
    }
}
