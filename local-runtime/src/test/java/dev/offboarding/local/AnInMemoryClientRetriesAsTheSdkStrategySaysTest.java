package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.json.Json;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.Throttling;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The simulator is called in memory, where the SDK has no HTTP attempt to retry: {@link SdkRetries} makes the calls
 * the SDK's retry stage makes around each attempt, so a throttled call is retried as over HTTP, with the strategy's
 * backoff, and an error the strategy does not retry reaches the caller after one call.
 */
class AnInMemoryClientRetriesAsTheSdkStrategySaysTest {

    /** Reads share one bucket of one token, refilled 10 times a second: a call right after another is throttled. */
    private static IamSimulator simulator() throws Exception {
        return IamSimulator.fromWorld(Json.mapper().readTree("{\"users\": [{\"userName\": \"bob\"}]}"),
                Clock.systemUTC()).throttling(new Throttling(Throttling.Rate.of(10, 1), Throttling.Rate.of(10, 1),
                java.util.Map.of(), Throttling.Buckets.PER_CLASS));
    }

    @Test
    void withoutSdkRetriesASecondCallAtOnceIsThrottled() throws Exception {
        IamSimulator sim = simulator();
        IamClient iam = SdkRetries.NONE.apply(sim);
        iam.getUser(r -> r.userName("bob"));
        IamException throttled = assertThrows(IamException.class, () -> iam.getUser(r -> r.userName("bob")));
        assertTrue(throttled.isThrottlingException());
    }

    @Test
    void theStandardStrategyRetriesEachThrottledCallUntilItsBucketLetsItThrough() throws Exception {
        IamSimulator sim = simulator();
        IamClient iam = SdkRetries.with(AwsRetryStrategy::standardRetryStrategy).apply(sim);
        for (int i = 0; i < 4; i++) {
            assertEquals("bob", iam.getUser(r -> r.userName("bob")).user().userName());
        }
        // a paginator is the SDK's own default method: its page calls go through the retries too
        assertEquals(List.of("bob"), iam.listUsersPaginator(r -> { }).users().stream()
                .map(u -> u.userName()).toList());
        List<String> outcomes = sim.calls().all().stream().map(Call::outcome).toList();
        assertEquals(5, outcomes.stream().filter("OK"::equals).count(), outcomes::toString);
        assertTrue(sim.calls().rateLimited().size() >= 4, () -> "each call after the first was throttled: " + outcomes);
        assertEquals("OK", outcomes.get(outcomes.size() - 1));
    }

    @Test
    void anErrorTheStrategyDoesNotRetryReachesTheCallerAfterOneCall() throws Exception {
        IamSimulator sim = simulator();
        IamClient iam = SdkRetries.with(AwsRetryStrategy::standardRetryStrategy).apply(sim);
        assertThrows(NoSuchEntityException.class, () -> iam.getUser(r -> r.userName("alice")));
        assertEquals(1, sim.calls().all().size(), () -> sim.calls().all().toString());
    }
}
