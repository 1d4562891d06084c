package dev.offboarding.deleteuser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.offboarding.testing.NetworkConnections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Priming serves the sample request through the real request path, answered in memory: no network, no IAM change. */
class SnapStartPrimingTest {

    @Test
    void primingExercisesTheIamCallsOfTheRequestWithoutOpeningAConnection() {
        NetworkConnections.Recorded<List<String>> priming = NetworkConnections.during(() -> DeleteUserHandler.priming().prime());
        List<String> answeredInMemory = priming.result();

        assertEquals(Set.of("DeleteUser"), Set.copyOf(answeredInMemory), answeredInMemory.toString());
        assertEquals(List.of(), priming.connections());
    }
}
