package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.IamException;

class IamThrottlesEachApiWithItsOwnTokenBucketTest {

    private static final Throttling.Rate ONE_PER_SECOND_BURST_TWO = Throttling.Rate.of(1, 2);

    private final MutableClock clock = Fixtures.clock();
    private final IamSimulator sim = Fixtures.simulatorWithUser(clock);

    @Test
    void aFullBucketLetsTheBurstThroughThenEveryCallIsThrottledUntilItRefills() {
        sim.throttling(Throttling.perOperation(ONE_PER_SECOND_BURST_TWO, ONE_PER_SECOND_BURST_TWO));

        sim.getUser(r -> r.userName(USER));
        sim.getUser(r -> r.userName(USER));
        IamException throttled = assertThrows(IamException.class, () -> sim.getUser(r -> r.userName(USER)));
        assertTrue(throttled.isThrottlingException(), "the SDK classes it as throttling, so its retries retry it");
        assertEquals("Throttling", throttled.awsErrorDetails().errorCode());
        assertEquals("Rate exceeded", throttled.awsErrorDetails().errorMessage());
        assertEquals(400, throttled.statusCode());
        assertTrue(throttled.requestId() != null && !throttled.requestId().isEmpty());

        clock.advance(Duration.ofMillis(999));
        assertThrows(IamException.class, () -> sim.getUser(r -> r.userName(USER)), "not a whole token yet");
        clock.advance(Duration.ofMillis(1));
        sim.getUser(r -> r.userName(USER));
        assertThrows(IamException.class, () -> sim.getUser(r -> r.userName(USER)));

        clock.advance(Duration.ofHours(1));
        sim.getUser(r -> r.userName(USER));
        sim.getUser(r -> r.userName(USER));
        assertThrows(IamException.class, () -> sim.getUser(r -> r.userName(USER)), "a bucket holds its burst at most");
    }

    @Test
    void eachApiDrawsFromItsOwnBucketAtItsClasssRate() {
        sim.throttling(Throttling.perOperation(Throttling.Rate.of(1, 1), Throttling.Rate.of(1, 3)));

        sim.getUser(r -> r.userName(USER));
        assertThrows(IamException.class, () -> sim.getUser(r -> r.userName(USER)));
        sim.listAccessKeys(r -> r.userName(USER));
        sim.listUserTags(r -> r.userName(USER));
        assertThrows(IamException.class, () -> sim.listAccessKeys(r -> r.userName(USER)));

        for (int i = 0; i < 2; i++) {
            sim.tagUser(r -> r.userName(USER).tags(Fixtures.tag("team", "qa")));
        }
        sim.tagUser(r -> r.userName(USER).tags(Fixtures.tag("team", "qa")));
        assertThrows(IamException.class, () -> sim.tagUser(r -> r.userName(USER).tags(Fixtures.tag("team", "qa"))),
                "writes have a burst of 3");
        sim.createAccessKey(r -> r.userName(USER));
    }

    @Test
    void anApiWithARateOfItsOwnKeepsItWhateverItsClass() {
        sim.throttling(Throttling.perOperation(Throttling.Rate.of(100, 100), Throttling.Rate.of(100, 100))
                .operation("GetCredentialReport", Throttling.Rate.of(0.5, 1)));
        sim.credentialReportGenerationTime(Duration.ZERO).generateCredentialReport();

        sim.getCredentialReport();
        assertThrows(IamException.class, () -> sim.getCredentialReport());
        clock.advance(Duration.ofSeconds(1));
        assertThrows(IamException.class, () -> sim.getCredentialReport(), "half a token per second");
        clock.advance(Duration.ofSeconds(1));
        sim.getCredentialReport();
    }

    @Test
    void sharedBucketsPerClassMakeEveryReadDrawFromOne() {
        sim.throttling(Throttling.perOperation(Throttling.Rate.of(1, 2), null).buckets(Throttling.Buckets.PER_CLASS));

        sim.getUser(r -> r.userName(USER));
        sim.listAccessKeys(r -> r.userName(USER));
        assertThrows(IamException.class, () -> sim.listUserTags(r -> r.userName(USER)));
        for (int i = 0; i < 20; i++) {
            sim.tagUser(r -> r.userName(USER).tags(Fixtures.tag("team", "qa")));
        }
    }

    @Test
    void aThrottledCallChangesNothingAndIsLoggedApartFromTheAcceptedOnes() {
        sim.createAccessKey(r -> r.userName(USER));
        sim.throttling(Throttling.perOperation(null, Throttling.Rate.of(1, 1)));
        sim.faults().throttle("DeleteUser", 1);
        sim.calls().clear();

        assertThrows(IamException.class, () -> sim.deleteUser(r -> r.userName(USER)),
                "the bucket lets the call through, then the injected throttle fails it");
        IamException refused = assertThrows(IamException.class, () -> sim.deleteUser(r -> r.userName(USER)));
        assertTrue(refused.isThrottlingException(), "the bucket is empty");
        assertTrue(sim.userExists(USER));
        clock.advance(Duration.ofSeconds(1));
        assertThrows(software.amazon.awssdk.services.iam.model.DeleteConflictException.class,
                () -> sim.deleteUser(r -> r.userName(USER)), "a call its bucket lets through reaches the user");

        assertEquals(List.of("Throttling", "Throttling", "DeleteConflict"),
                sim.calls().all().stream().map(Call::outcome).toList());
        assertEquals(List.of(new Call("DeleteUser", USER, "Throttling", Fixtures.START, true)),
                sim.calls().rateLimited(), "only the call its bucket refused");
        assertEquals(2, sim.calls().throttled().size());
        assertEquals(List.of("DeleteConflict"), sim.calls().accepted().stream().map(Call::outcome).toList());
    }

    @Test
    void everyAccountHasItsOwnBuckets() {
        SimulatedOrganization org = SimulatedOrganization.fromWorld(json("""
                {"accounts": [
                  {"accountId": "111111111111", "users": [{"userName": "bob"}],
                   "throttling": {"read": {"rate": 1, "burst": 1}}},
                  {"accountId": "222222222222", "users": [{"userName": "bob"}],
                   "throttling": {"read": {"rate": 1, "burst": 1}}}]}"""), clock);

        org.account("111111111111").getUser(r -> r.userName("bob"));
        assertThrows(IamException.class, () -> org.account("111111111111").getUser(r -> r.userName("bob")));
        org.account("222222222222").getUser(r -> r.userName("bob"));
    }

    @Test
    void withoutThrottlingNoCallIsEverRefused() {
        assertEquals(Throttling.NONE, sim.throttling());
        for (int i = 0; i < 2000; i++) {
            sim.getUser(r -> r.userName(USER));
        }
        assertEquals(List.of(), sim.calls().throttled());
    }

    @Test
    void callersInParallelGetExactlyTheBurstBetweenThemWhileTheClockStands() throws Exception {
        sim.throttling(Throttling.perOperation(Throttling.Rate.of(1, 25), null));
        AtomicInteger served = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread caller = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 25; i++) {
                    try {
                        sim.getUser(r -> r.userName(USER));
                        served.incrementAndGet();
                    } catch (IamException e) {
                        throttled.incrementAndGet();
                    }
                }
            });
            caller.start();
            callers.add(caller);
        }
        start.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        assertEquals(25, served.get());
        assertEquals(175, throttled.get());
        assertEquals(175, sim.calls().rateLimited().size());
    }

    @Test
    void bucketsRefillInRealTimeOnTheSystemClock() throws Exception {
        IamSimulator onTheWallClock = IamSimulator.fromWorld(json("{\"users\": [{\"userName\": \"bob\"}]}"),
                Clock.systemUTC());
        onTheWallClock.throttling(Throttling.perOperation(Throttling.Rate.of(20, 1), null));

        onTheWallClock.getUser(r -> r.userName("bob"));
        boolean throttledAtOnce = false;
        for (int i = 0; i < 50 && !throttledAtOnce; i++) {
            try {
                onTheWallClock.getUser(r -> r.userName("bob"));
            } catch (IamException e) {
                throttledAtOnce = e.isThrottlingException();
            }
        }
        assertTrue(throttledAtOnce, "50 calls in a row outrun 20 per second");
        Thread.sleep(100);
        onTheWallClock.getUser(r -> r.userName("bob"));
        assertFalse(onTheWallClock.calls().rateLimited().isEmpty());
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
