package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.EntityTemporarilyUnmodifiableException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

class NewLoginProfileCannotBeDeletedUntilSettledTest {

    private final MutableClock clock = Fixtures.clock();

    @Test
    void deleteLoginProfileIsTemporarilyUnmodifiableUntilCreateDatePlusSettle() {
        IamSimulator sim = Fixtures.simulatorWithUser(clock).loginProfileSettle(Duration.ofSeconds(10));
        sim.createLoginProfile(r -> r.userName(USER).password("Correct-Horse-Battery-1"));
        clock.advance(Duration.ofSeconds(9));

        EntityTemporarilyUnmodifiableException e = assertThrows(EntityTemporarilyUnmodifiableException.class,
                () -> sim.deleteLoginProfile(r -> r.userName(USER)));
        assertEquals("EntityTemporarilyUnmodifiable", e.awsErrorDetails().errorCode());
        assertEquals(409, e.statusCode());
        assertEquals("Login Profile for User little_tester cannot be modified while login profile is being created.",
                e.awsErrorDetails().errorMessage());
        sim.getLoginProfile(r -> r.userName(USER));

        clock.advance(Duration.ofSeconds(1));
        sim.deleteLoginProfile(r -> r.userName(USER));
        assertThrows(NoSuchEntityException.class, () -> sim.getLoginProfile(r -> r.userName(USER)));
    }

    @Test
    void aWorldFileProfileCanBeUnmodifiableForSomeSecondsFromLoadTime() throws Exception {
        IamSimulator sim = IamSimulator.fromWorld(new ObjectMapper().readTree("""
                {"users": [{"userName": "little_tester",
                            "loginProfile": {"createDate": "2026-03-02T10:00:00Z", "unmodifiableForSeconds": 30}}]}
                """), clock);

        assertThrows(EntityTemporarilyUnmodifiableException.class, () -> sim.deleteLoginProfile(r -> r.userName(USER)));
        clock.advance(Duration.ofSeconds(30));
        sim.deleteLoginProfile(r -> r.userName(USER));
    }
}
