package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;

/** The caller dies right after a call took effect: the change stays, and nothing the dead caller sends arrives. */
class ACrashAfterACallKeepsItsEffectAndStopsEveryLaterCallTest {

    private final IamSimulator sim = Fixtures.simulatorWithUser(Fixtures.clock());
    private final AtomicInteger deaths = new AtomicInteger();

    @Test
    void theCrashPointTakesEffectThenTheCallerDiesInsteadOfHearingTheAnswerAndNoLaterCallArrives() {
        String first = sim.createAccessKey(r -> r.userName(USER)).accessKey().accessKeyId();
        String second = sim.createAccessKey(r -> r.userName(USER)).accessKey().accessKeyId();
        sim.faults().crashAfter("DeleteAccessKey", deaths::incrementAndGet);

        SimulatedCrash crash = assertThrows(SimulatedCrash.class,
                () -> sim.deleteAccessKey(r -> r.userName(USER).accessKeyId(first)));

        assertEquals("the caller died right after DeleteAccessKey " + USER + "/" + first + " took effect",
                crash.getMessage());
        assertEquals(1, deaths.get(), "the dying hook ran once, before the call threw");
        Call crashPoint = sim.faults().crashedAfter().orElseThrow();
        assertEquals("OK", crashPoint.outcome());
        assertEquals(crashPoint, last(), "the call took effect and is logged as IAM served it");

        int logged = sim.calls().all().size();
        assertThrows(SimulatedCrash.class, () -> sim.deleteAccessKey(r -> r.userName(USER).accessKeyId(second)));
        assertThrows(SimulatedCrash.class, () -> sim.listAccessKeys(r -> r.userName(USER)));
        assertThrows(SimulatedCrash.class, () -> sim.deleteUser(r -> r.userName(USER)));
        assertEquals(logged, sim.calls().all().size(), "a dead caller's calls never arrive");
        assertEquals(1, deaths.get());

        sim.faults().restart();
        assertEquals(List.of(second), sim.listAccessKeys(r -> r.userName(USER)).accessKeyMetadata().stream()
                .map(AccessKeyMetadata::accessKeyId).toList(), "only the call before the crash took effect");
        assertTrue(sim.userExists(USER));
        assertEquals(Optional.empty(), sim.faults().crashedAfter());
    }

    @Test
    void theCrashPointCanNameTheCallsTarget() {
        String first = sim.createAccessKey(r -> r.userName(USER)).accessKey().accessKeyId();
        String second = sim.createAccessKey(r -> r.userName(USER)).accessKey().accessKeyId();
        sim.faults().crashAfter(call -> call.operation().equals("DeleteAccessKey")
                && call.target().equals(USER + "/" + second), deaths::incrementAndGet);

        sim.deleteAccessKey(r -> r.userName(USER).accessKeyId(first));
        assertEquals(0, deaths.get(), "another key's deletion is not the crash point");

        assertThrows(SimulatedCrash.class, () -> sim.deleteAccessKey(r -> r.userName(USER).accessKeyId(second)));
        assertEquals(1, deaths.get());
    }

    @Test
    void aFailedCallIsNeverTheCrashPoint() {
        sim.faults().crashAfter("DeleteUser", deaths::incrementAndGet);
        String key = sim.createAccessKey(r -> r.userName(USER)).accessKey().accessKeyId();

        assertThrows(DeleteConflictException.class, () -> sim.deleteUser(r -> r.userName(USER)));
        assertEquals(0, deaths.get());
        assertEquals(Optional.empty(), sim.faults().crashedAfter());

        sim.deleteAccessKey(r -> r.userName(USER).accessKeyId(key));
        assertThrows(SimulatedCrash.class, () -> sim.deleteUser(r -> r.userName(USER)));
        assertFalse(sim.userExists(USER), "the call that crashed the caller took effect");
        assertEquals(1, deaths.get());
    }

    @Test
    void callsOfAHookAreTheScenarioAndNeverTheCrashPoint() {
        sim.afterCall("CreateAccessKey", s -> s.listAccessKeys(r -> r.userName(USER)));
        sim.faults().crashAfter("ListAccessKeys", deaths::incrementAndGet);

        sim.createAccessKey(r -> r.userName(USER));
        assertEquals(0, deaths.get(), "the hook's ListAccessKeys did not crash the caller");

        assertThrows(SimulatedCrash.class, () -> sim.listAccessKeys(r -> r.userName(USER)));
        assertEquals(1, deaths.get());
    }

    @Test
    void oneCrashAtATime() {
        sim.faults().crashAfter("DeleteUser", deaths::incrementAndGet);
        assertThrows(IllegalStateException.class, () -> sim.faults().crashAfter("DeleteAccessKey", () -> { }));
        sim.faults().restart();
        sim.faults().crashAfter("DeleteAccessKey", () -> { });
    }

    private Call last() {
        List<Call> all = sim.calls().all();
        return all.get(all.size() - 1);
    }
}
