package dev.offboarding.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.testing.ConcurrencySensitive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.User;

/** The simulator over HTTP, driven by the real SDK client: its XML parses as AWS's does, errors included. */
class HttpEndpointAnswersLikeIamTest {
    private static final String USER = "every_blocker";
    /** How long a broken endpoint (one that serves a request at a time) is given before the test fails. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private IamSimulator simulator;
    private IamHttpEndpoint endpoint;
    private IamClient iam;

    @BeforeEach
    void start() throws Exception {
        Path world = Path.of("..", "events", "scenarios", "every-blocker.json");
        simulator = IamSimulator.fromFile(world, Fixtures.clock()).pageSize(1);
        endpoint = IamHttpEndpoint.start(simulator);
        iam = IamClient.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(endpoint.uri())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        iam.close();
        endpoint.close();
    }

    @Test
    void readsCarryNestedStructuresTagsDatesAndPages() {
        User user = iam.getUser(r -> r.userName(USER)).user();
        assertEquals(simulator.getUser(r -> r.userName(USER)).user(), user);
        assertFalse(user.tags().isEmpty());

        List<String> keys = new ArrayList<>();
        String marker = null;
        do {
            String from = marker;
            ListAccessKeysResponse page = iam.listAccessKeys(r -> r.userName(USER).marker(from));
            page.accessKeyMetadata().forEach(k -> keys.add(k.accessKeyId()));
            marker = page.isTruncated() ? page.marker() : null;
        } while (marker != null);
        assertEquals(List.of("AKIAQEVERYBLOCKER001", "AKIAQEVERYBLOCKER002"), keys, "one key per page, both pages");

        String key = keys.get(0);
        assertEquals(simulator.getAccessKeyLastUsed(r -> r.accessKeyId(key)).accessKeyLastUsed(),
                iam.getAccessKeyLastUsed(r -> r.accessKeyId(key)).accessKeyLastUsed());
        String policy = simulator.listUserPolicies(r -> r.userName(USER)).policyNames().get(0);
        assertEquals(simulator.getUserPolicy(r -> r.userName(USER).policyName(policy)).policyDocument(),
                iam.getUserPolicy(r -> r.userName(USER).policyName(policy)).policyDocument());
        assertEquals(simulator.listMFADevices(r -> r.userName(USER).maxItems(100)).mfaDevices(),
                iam.listMFADevices(r -> r.userName(USER).maxItems(100)).mfaDevices());
    }

    @Test
    void errorsArriveAsTheSdksModelledExceptions() {
        NoSuchEntityException absent = assertThrows(NoSuchEntityException.class,
                () -> iam.getUser(r -> r.userName("ghost")));
        assertEquals("NoSuchEntity", absent.awsErrorDetails().errorCode());
        assertEquals(404, absent.statusCode());

        DeleteConflictException conflict = assertThrows(DeleteConflictException.class,
                () -> iam.deleteUser(r -> r.userName(USER)));
        assertTrue(conflict.awsErrorDetails().errorMessage().startsWith("Cannot delete entity"),
                conflict.awsErrorDetails().errorMessage());
    }

    @Test
    void mutationsReachTheSimulatorAndAreLogged() {
        String key = simulator.listAccessKeys(r -> r.userName(USER)).accessKeyMetadata().get(0).accessKeyId();
        simulator.calls().clear();

        iam.updateAccessKey(r -> r.userName(USER).accessKeyId(key).status(StatusType.INACTIVE));
        iam.deleteAccessKey(r -> r.userName(USER).accessKeyId(key));

        assertEquals(List.of("UpdateAccessKey", "DeleteAccessKey"),
                simulator.calls().all().stream().map(Call::operation).toList());
        assertThrows(NoSuchEntityException.class, () -> iam.deleteAccessKey(r -> r.userName(USER).accessKeyId(key)));
    }

    /**
     * Four callers at once: all four are held in flight together inside the simulator, so the endpoint serves
     * requests concurrently, and the call log counts them as one round trip. Then two calls one after the other are
     * two. Nothing here depends on time: the calls are held until all four have arrived.
     */
    @ConcurrencySensitive
    void parallelCallsAreInFlightTogetherAndCountAsOneRoundTrip() throws Exception {
        simulator.calls().clear();
        List<User> answers = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> callers = new ArrayList<>();
        try (HeldCalls held = simulator.holdCalls()) {
            for (int i = 0; i < 4; i++) {
                callers.add(startThread(() -> {
                    try {
                        answers.add(iam.getUser(r -> r.userName(USER)).user());
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }

            assertEquals(List.of("GetUser", "GetUser", "GetUser", "GetUser"), held.awaitHeld(4, PATIENCE),
                    "all four requests are in flight at once");
            held.release();
            for (Thread caller : callers) {
                caller.join();
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(4, answers.size());
        assertEquals(4, simulator.calls().spans().size());
        assertEquals(1, simulator.calls().roundTrips());

        simulator.calls().clear();
        iam.getUser(r -> r.userName(USER));
        iam.getUser(r -> r.userName(USER));
        assertEquals(2, simulator.calls().roundTrips());
    }

    private static Thread startThread(Runnable call) {
        Thread thread = new Thread(call);
        thread.start();
        return thread;
    }
}
