package dev.offboarding.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;

/**
 * Over HTTP, IAM's throttling answer (400, {@code <Code>Throttling</Code>}, "Rate exceeded") reaches the SDK as a
 * throttling exception, and a client with the SDK's STANDARD retry strategy (its defaults: 3 attempts, backoff)
 * retries it until its bucket lets it through.
 */
class AnSdkClientWithTheStandardRetryStrategyAbsorbsIamThrottlingTest {

    /** Each call reads the clock twice (its bucket, its log line): 60 ms a call, against one token per 100 ms. */
    private static final Duration PER_READING = Duration.ofMillis(30);

    @Test
    void withoutRetriesTheSdkSeesAThrottlingException() throws Exception {
        IamSimulator sim = simulator(new MutableClock(Fixtures.START));
        try (SdkOverHttp http = SdkOverHttp.serving(sim)) {
            http.iam().getUser(r -> r.userName("bob"));
            IamException throttled = assertThrows(IamException.class, () -> http.iam().getUser(r -> r.userName("bob")));
            assertTrue(throttled.isThrottlingException());
            assertEquals("Throttling", throttled.awsErrorDetails().errorCode());
            assertEquals("Rate exceeded", throttled.awsErrorDetails().errorMessage());
            assertEquals(400, throttled.statusCode());
        }
    }

    @Test
    void theStandardRetryStrategyRetriesEveryThrottledCallUntilItIsServed() throws Exception {
        IamSimulator sim = simulator(new ClockThatMovesOnEveryReading(Fixtures.START, PER_READING));
        IamHttpEndpoint endpoint = IamHttpEndpoint.start(sim);
        try (endpoint; IamClient iam = IamClient.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(endpoint.uri())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            for (int i = 0; i < 5; i++) {
                assertEquals("bob", iam.getUser(r -> r.userName("bob")).user().userName());
            }
        }
        List<String> outcomes = sim.calls().all().stream().map(Call::outcome).toList();
        assertEquals(List.of("OK", "Throttling", "OK", "Throttling", "OK", "Throttling", "OK", "Throttling", "OK"),
                outcomes, "every call after the first was throttled once and retried");
        assertEquals(4, sim.calls().rateLimited().size());
    }

    private static IamSimulator simulator(java.time.Clock clock) throws Exception {
        IamSimulator sim = IamSimulator.fromWorld(new ObjectMapper().readTree("{\"users\": [{\"userName\": \"bob\"}]}"),
                clock);
        return sim.throttling(Throttling.perOperation(Throttling.Rate.of(10, 1), Throttling.Rate.of(10, 1)));
    }
}
