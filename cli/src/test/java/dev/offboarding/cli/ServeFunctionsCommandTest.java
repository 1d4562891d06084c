package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.simulator.IamSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * `offboard serve-functions`, through the command line the offboard command runs, called with the real AWS SDK
 * Lambda client at the endpoint it prints: the functions answer as Lambda does, on the loopback address only, until
 * the command is interrupted.
 */
class ServeFunctionsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENDPOINT = Pattern.compile("(?m)^  (http://\\S+)$");

    private static Serving serving;
    private static LambdaClient lambda;

    /** One serve-functions run on its own thread, as main() would run it; what it printed so far. */
    static final class Serving implements AutoCloseable {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final Thread thread;
        volatile Integer exitCode;

        Serving(ServeFunctionsCommand command, String... args) {
            CommandLine commandLine = Offboard.commandLine(new LocalCommand(), new StartCommand(),
                    new WaitForRoleCommand(), command);
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            List<String> line = new ArrayList<>(List.of("serve-functions"));
            line.addAll(List.of(args));
            thread = new Thread(() -> exitCode = commandLine.execute(line.toArray(String[]::new)), "serve-functions");
            thread.setDaemon(true);
            thread.start();
        }

        /** The endpoint it printed, once it is serving (null if it ended first). Waits at most a minute. */
        URI endpoint() throws InterruptedException {
            for (int i = 0; i < 1200; i++) {
                Matcher m = ENDPOINT.matcher(out.toString());
                if (m.find()) {
                    return URI.create(m.group(1));
                }
                if (!thread.isAlive()) {
                    return null;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("serve-functions printed no endpoint in a minute: " + out + err);
        }

        /** Waits for the command to end by itself (at most a minute), and gives its exit code. */
        int ended() throws InterruptedException {
            thread.join(TimeUnit.MINUTES.toMillis(1));
            assertTrue(!thread.isAlive(), "the command ended: " + out + err);
            return exitCode;
        }

        /** Ctrl-C's counterpart in a thread: interrupts the command and waits for it to end. */
        @Override
        public void close() {
            thread.interrupt();
            try {
                ended();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for serve-functions to end", e);
            }
        }
    }

    static LambdaClient lambdaAt(URI endpoint) {
        return LambdaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @BeforeAll
    static void serve() throws InterruptedException {
        serving = new Serving(new ServeFunctionsCommand(), "--port", "0");
        URI endpoint = serving.endpoint();
        assertTrue(endpoint != null, "serving: " + serving.out + serving.err);
        lambda = lambdaAt(endpoint);
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        URI endpoint = serving.endpoint();
        serving.close();
        assertEquals(ExitCode.SUCCEEDED, serving.exitCode, serving.out + "" + serving.err);
        assertTrue(serving.out.toString().contains("Stopped."), serving.out.toString());
        assertThrows(ConnectException.class, () -> new Socket(endpoint.getHost(), endpoint.getPort()).close(),
                "nothing listens any more once interrupted");
    }

    private static InvokeResponse invoke(String functionName, String payload) {
        return lambda.invoke(r -> r.functionName(functionName).payload(SdkBytes.fromUtf8String(payload)));
    }

    private static String listTokensEvent() throws IOException {
        return Files.readString(ProjectHome.find().resolve(ServeFunctionsCommand.EXAMPLE_EVENT));
    }

    @Test
    void itPrintsTheEndpointAndAnAwsCliLineThatUsesIt() throws InterruptedException {
        URI endpoint = serving.endpoint();
        String out = serving.out.toString();

        assertTrue(out.contains("aws lambda invoke --endpoint-url " + endpoint + " --function-name list-tokens"
                + " --cli-binary-format raw-in-base64-out --payload file://events/list-tokens.json out.json"), out);
        assertTrue(out.contains("little-tester"), out);
        assertTrue(out.contains("list-tokens") && out.contains("delete-user") && out.contains("remove-tokens"), out);
    }

    @Test
    void aSuccessAnswersTheFunctionsOutput() throws IOException {
        InvokeResponse response = invoke("list-tokens", listTokensEvent());

        assertEquals(200, response.statusCode());
        assertNull(response.functionError());
        assertEquals("$LATEST", response.executedVersion());
        JsonNode inventory = JSON.readTree(response.payload().asUtf8String()).path("inventory");
        assertEquals("little_tester", inventory.path("userName").asText());
        assertTrue(inventory.path("accessKeys").size() > 0, inventory.toString());
    }

    @Test
    void aFunctionErrorIsUnhandledWithTheExceptionsClassNameAsErrorType() throws IOException {
        InvokeResponse response = invoke("list-tokens", "{\"userName\": \"little tester\"}");

        assertEquals(200, response.statusCode());
        assertEquals("Unhandled", response.functionError());
        assertEquals(List.of("Unhandled"), response.sdkHttpResponse().matchingHeaders("X-Amz-Function-Error"));
        JsonNode error = JSON.readTree(response.payload().asUtf8String());
        assertEquals(InvalidRequestException.class.getName(), error.path("errorType").asText());
        assertTrue(error.path("errorMessage").asText().contains("U+0020"), error.toString());
        assertTrue(error.path("stackTrace").isArray() && error.path("stackTrace").size() > 0, error.toString());
    }

    @Test
    void anUnknownFunctionIsResourceNotFound() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> invoke("offboard-everyone", "{}"));

        assertEquals(404, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Function not found: arn:aws:lambda:"),
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void aQualifiedNameOrArnIsTheFunctionOfThatName() throws IOException {
        for (String name : List.of("list-tokens:live", "arn:aws:lambda:us-east-1:123456789012:function:list-tokens:live")) {
            InvokeResponse response = invoke(name, listTokensEvent());

            assertEquals(200, response.statusCode(), name);
            assertNull(response.functionError(), name + ": " + response.payload().asUtf8String());
            assertEquals("little_tester", JSON.readTree(response.payload().asUtf8String()).path("inventory").path("userName").asText());
        }
    }

    /**
     * Only on loopback: the endpoint is 127.0.0.1, and the same port is free on every other address of this machine
     * (a socket is only bound there, nothing is sent).
     */
    @Test
    void itListensOnTheLoopbackAddressOnly() throws IOException, InterruptedException {
        URI endpoint = serving.endpoint();
        assertEquals("127.0.0.1", endpoint.getHost());
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (!nic.isUp() || address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                    continue;
                }
                try (ServerSocket probe = new ServerSocket()) {
                    probe.setReuseAddress(false);
                    probe.bind(new InetSocketAddress(address, endpoint.getPort()));
                }
            }
        }
    }

    @Test
    void aPortThatIsTakenCannotBeServed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Serving second = new Serving(new ServeFunctionsCommand(), "--port", String.valueOf(taken.getLocalPort()));

            assertEquals(ExitCode.CANNOT_RUN, second.ended(), second.out + "" + second.err);
            assertTrue(second.err.toString().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                    second.err.toString());
        }
    }

    @Test
    void aBadPortOrTwoIamsAreUsageErrors() throws InterruptedException {
        Serving badPort = new Serving(new ServeFunctionsCommand(), "--port", "65536");
        assertEquals(ExitCode.USAGE, badPort.ended());
        assertTrue(badPort.err.toString().contains("--port"), badPort.err.toString());

        Serving both = new Serving(new ServeFunctionsCommand(), "--real-iam", "--scenario",
                "events/scenarios/dry-run.json");
        assertEquals(ExitCode.USAGE, both.ended());
        assertTrue(both.err.toString().contains("--real-iam and --scenario"), both.err.toString());
    }

    @Test
    void withRealIamTheFunctionsActOnTheIamTheSdkConfigurationGives() throws Exception {
        JsonNode scenario = JSON.readTree(Files.readString(
                ProjectHome.find().resolve("events/scenarios/little-tester.json")));
        com.fasterxml.jackson.databind.node.ObjectNode world = scenario.path("world").deepCopy();
        world.putObject("caller").put("arn", "arn:aws:iam::123456789012:role/offboarding-operator");
        IamSimulator iam = IamSimulator.fromWorld(world, Clock.systemUTC());

        String event = listTokensEvent();
        try (Serving real = new Serving(new ServeFunctionsCommand(() -> iam, iam::sts), "--real-iam", "--port", "0");
             LambdaClient client = lambdaAt(real.endpoint())) {
            InvokeResponse response = client.invoke(r -> r.functionName("list-tokens")
                    .payload(SdkBytes.fromUtf8String(event)));

            assertNull(response.functionError(), response.payload().asUtf8String());
            assertTrue(real.out.toString().contains("real IAM as arn:aws:iam::123456789012:role/offboarding-operator"),
                    real.out.toString());
            assertTrue(iam.calls().all().stream().anyMatch(c -> c.operation().equals("ListAccessKeys")),
                    "list-tokens asked that IAM: " + iam.calls().all());
        }
    }
}
