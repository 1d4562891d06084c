package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamHttpEndpoint;
import dev.offboarding.simulator.IamSimulator;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;

/**
 * `offboard local --user NAME --execute` against the IAM the SDK is configured for, here the simulator behind its
 * HTTP endpoint (what AWS_ENDPOINT_URL_IAM would point to). When a run is stopped by its timeout or fails after it
 * changed IAM, the output says what it had changed and whether the user still exists; a user already deleted is
 * reported as deleted, with exit code 0, never as a failure.
 */
class RealIamStopTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "little_tester";

    private final AtomicBoolean commandReturned = new AtomicBoolean();
    private final CountDownLatch requestAfterReturn = new CountDownLatch(1);
    private IamSimulator simulator;
    private IamHttpEndpoint endpoint;
    private IamClient iam;

    @BeforeEach
    void startIam() throws IOException {
        JsonNode scenario = JSON.readTree(Files.readString(
                ProjectHome.find().resolve("events/scenarios/little-tester.json")));
        ObjectNode world = scenario.path("world").deepCopy();
        world.putObject("caller").put("arn", "arn:aws:iam::123456789012:role/offboarding-operator");
        simulator = IamSimulator.fromWorld(world, Clock.systemUTC());
        endpoint = IamHttpEndpoint.start(() -> {
            if (commandReturned.get()) {
                requestAfterReturn.countDown();
            }
            return simulator;
        });
        iam = IamClient.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(endpoint.uri())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stopIam() {
        iam.close();
        endpoint.close();
    }

    private CommandRun offboard(IamClient client, String... args) {
        try {
            return CommandRun.of(new LocalCommand(() -> client, simulator::sts), new StartCommand(), args);
        } finally {
            commandReturned.set(true);
        }
    }

    private List<Call> changes() {
        return simulator.calls().mutating().stream().filter(c -> c.outcome().equals("OK")).toList();
    }

    @Test
    void aTimeoutStopsTheRunAndReportsWhatItChangedAndNoIamRequestFollows() throws Exception {
        simulator.visibilityLag(Duration.ofSeconds(30));

        CommandRun run = offboard(iam, "local", "--user", USER, "--execute", "--timeout", "2", "--json");

        assertEquals(ExitCode.CANNOT_RUN, run.exitCode(), run.out() + run.err());
        JsonNode result = JSON.readTree(run.out());
        assertEquals("TIMED_OUT", result.path("status").asText(), run.out());
        assertEquals(2, result.path("timeoutSeconds").asInt(), run.out());
        assertTrue(result.path("userExists").asBoolean(), run.out());
        List<String> reported = new ArrayList<>();
        result.path("changes").forEach(change -> reported.add(change.path("operation").asText()));
        assertEquals(changes().stream().map(Call::operation).sorted().toList(), reported.stream().sorted().toList(),
                "every change IAM made is reported, and nothing else: " + run.out());
        assertTrue(simulator.userExists(USER));
        // Stopped, not abandoned: the engine's process has ended, and IAM receives no further request.
        assertEquals(List.of(), EngineProcesses.running());
        assertFalse(requestAfterReturn.await(10, TimeUnit.SECONDS),
                "an IAM request arrived after the command returned: " + simulator.calls().all());
    }

    @Test
    void aTimeoutThatFindsTheUserDeletedReportsTheDeletionAndExitsZero() {
        // DeleteUser goes through, but its answer is held until the timeout has ended the engine: the run cannot
        // finish, and yet the user is gone.
        simulator.afterCall("DeleteUser", sim -> EngineProcesses.awaitExit(60));

        CommandRun run = offboard(iam, "local", "--user", USER, "--execute", "--timeout", "20");

        String printed = run.out() + run.err();
        assertFalse(simulator.userExists(USER));
        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), printed);
        assertTrue(printed.contains("Timed out after 20 s"), printed);
        assertTrue(printed.contains("user " + USER + " was deleted"), printed);
        assertFalse(printed.contains("Failed"), printed);
        for (Call change : changes()) {
            assertTrue(printed.lines().anyMatch(line -> TimeoutTest.mentions(line, change)),
                    "the output names " + change + ":\n" + printed);
        }
    }

    @Test
    void aRunThatFailsAfterRemovingCredentialsSaysWhatItRemovedAndThatTheUserStillExists() {
        // The role may remove credentials but not delete users: the run fails at DeleteUser, after the removals.
        IamClient noDeleteUser = (IamClient) Proxy.newProxyInstance(IamClient.class.getClassLoader(),
                new Class<?>[] {IamClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("deleteUser")) {
                        throw IamException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("AccessDenied").errorMessage("not authorized to perform iam:DeleteUser")
                                .build()).build();
                    }
                    try {
                        return method.invoke(iam, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        CommandRun run = offboard(noDeleteUser, "local", "--user", USER, "--execute");

        String printed = run.out() + run.err();
        assertEquals(ExitCode.WORKFLOW_FAILED, run.exitCode(), printed);
        assertTrue(printed.contains("Offboarding.AccessDenied"), printed);
        assertTrue(simulator.userExists(USER));
        assertFalse(changes().isEmpty(), "the credentials were removed before DeleteUser");
        for (Call change : changes()) {
            assertTrue(printed.lines().anyMatch(line -> TimeoutTest.mentions(line, change)),
                    "the output names " + change + ":\n" + printed);
        }
        assertTrue(printed.contains(USER + " still exists"), printed);
    }
}
