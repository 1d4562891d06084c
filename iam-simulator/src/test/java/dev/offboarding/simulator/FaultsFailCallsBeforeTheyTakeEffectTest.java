package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ServiceFailureException;

class FaultsFailCallsBeforeTheyTakeEffectTest {

    private final IamSimulator sim = Fixtures.simulatorWithUser(Fixtures.clock());

    @Test
    void throttledNTimesThenTheCallSucceeds() {
        sim.faults().throttle("DeleteUser", 2);

        for (int i = 0; i < 2; i++) {
            IamException e = assertThrows(IamException.class, () -> sim.deleteUser(r -> r.userName(USER)));
            assertTrue(e.isThrottlingException());
            assertEquals("Throttling", e.awsErrorDetails().errorCode());
            assertEquals("Rate exceeded", e.awsErrorDetails().errorMessage());
            assertEquals(400, e.statusCode());
            assertTrue(sim.userExists(USER), "a throttled call changes nothing");
        }
        sim.deleteUser(r -> r.userName(USER));

        assertEquals(List.of("Throttling", "Throttling", "OK"), outcomes("DeleteUser"));
    }

    @Test
    void throttlingOnlyHitsTheNamedOperationUnlessStar() {
        sim.faults().throttle("DeleteUser", 1);
        sim.getUser(r -> r.userName(USER));

        sim.faults().throttle("*", 1);
        assertThrows(IamException.class, () -> sim.listAccessKeys(r -> r.userName(USER)));
        sim.listAccessKeys(r -> r.userName(USER));
        assertThrows(IamException.class, () -> sim.deleteUser(r -> r.userName(USER)));
    }

    @Test
    void serverErrorsAre500ServiceFailureAndChangeNothing() {
        sim.faults().serverError("CreateAccessKey", 1);

        ServiceFailureException e = assertThrows(ServiceFailureException.class,
                () -> sim.createAccessKey(r -> r.userName(USER)));
        assertEquals("ServiceFailure", e.awsErrorDetails().errorCode());
        assertEquals(500, e.statusCode());
        assertFalse(e.isThrottlingException());
        assertEquals(List.of(), sim.listAccessKeys(r -> r.userName(USER)).accessKeyMetadata());

        sim.createAccessKey(r -> r.userName(USER));
        assertEquals(List.of("ServiceFailure", "OK"), outcomes("CreateAccessKey"));
    }

    @Test
    void everyNthCallIsThrottled() {
        sim.faults().throttleEvery(3);
        List<Boolean> throttled = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            try {
                sim.getUser(r -> r.userName(USER));
                throttled.add(false);
            } catch (IamException e) {
                throttled.add(e.isThrottlingException());
            }
        }
        assertEquals(List.of(false, false, true, false, false, true, false, false, true), throttled);

        sim.faults().throttleEvery(0);
        sim.getUser(r -> r.userName(USER));
        sim.getUser(r -> r.userName(USER));
        sim.getUser(r -> r.userName(USER));
    }

    @Test
    void stsCallsAreFaultedTooWithStsErrors() {
        sim.faults().throttle("GetCallerIdentity", 1);
        var e = assertThrows(software.amazon.awssdk.services.sts.model.StsException.class,
                () -> sim.sts().getCallerIdentity());
        assertTrue(e.isThrottlingException());
        sim.sts().getCallerIdentity();
    }

    private List<String> outcomes(String operation) {
        return sim.calls().all().stream().filter(c -> c.operation().equals(operation)).map(Call::outcome).toList();
    }
}
