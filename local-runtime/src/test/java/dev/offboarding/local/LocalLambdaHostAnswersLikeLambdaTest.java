package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.InvalidRequestException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The local function host, called with the real AWS SDK Lambda client: it answers Invoke as Lambda does, for a
 * success, a function error, an unknown function and each form of function name, and only on the loopback address.
 */
class LocalLambdaHostAnswersLikeLambdaTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:list-tokens";

    private Scenario scenario;
    private LocalLambdaHost host;
    private LambdaClient lambda;
    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void serve() throws IOException {
        scenario = Scenario.load("little-tester");
        host = LocalLambdaHost.start(scenario.functions, 0, logged::add);
        lambda = LambdaClient.builder()
                .endpointOverride(host.url())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterEach
    void stop() {
        lambda.close();
        host.close();
    }

    private InvokeResponse invoke(String functionName, String payload) {
        return lambda.invoke(r -> r.functionName(functionName).payload(SdkBytes.fromUtf8String(payload)));
    }

    private static String event(String name) throws IOException {
        return Files.readString(Scenario.eventsDir().resolve(name));
    }

    @Test
    void aSuccessIs200WithTheFunctionsOutputAsTheBody() throws IOException {
        String payload = event("list-tokens.json");
        JsonNode direct = Scenario.json(scenario.functions.invoke(LocalFunctions.LIST_TOKENS, payload));

        InvokeResponse response = invoke("list-tokens", payload);

        assertEquals(200, response.statusCode());
        assertNull(response.functionError());
        assertEquals("$LATEST", response.executedVersion());
        assertEquals(direct, Scenario.JSON.readTree(response.payload().asUtf8String()));
        assertEquals("little_tester", direct.path("inventory").path("userName").asText());
    }

    @Test
    void aFunctionErrorIs200WithXAmzFunctionErrorAndTheJavaRuntimesErrorDocument() throws IOException {
        InvokeResponse response = invoke("list-tokens", "{}");

        assertEquals(200, response.statusCode());
        assertEquals("Unhandled", response.functionError());
        assertEquals(List.of("Unhandled"), response.sdkHttpResponse().matchingHeaders("X-Amz-Function-Error"));
        JsonNode error = Scenario.JSON.readTree(response.payload().asUtf8String());
        assertEquals(List.of("errorMessage", "errorType", "stackTrace"), fieldNames(error));
        assertEquals(InvalidRequestException.class.getName(), error.path("errorType").asText());
        assertTrue(error.path("errorMessage").asText().contains("userName is required"), error.toString());
        assertTrue(error.path("stackTrace").size() > 0, "the exception's stack trace, one frame a line");
        assertTrue(error.path("stackTrace").get(0).asText().matches("[\\w.$]+\\.[\\w$<>]+\\(.*\\)"), error.toString());
        assertEquals(List.of(), scenario.iam.calls().all(), "refused before any IAM call");
    }

    @Test
    void anUnknownFunctionIsResourceNotFoundException() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, () -> invoke("no-such", "{}"));

        assertEquals(404, e.statusCode());
        assertEquals("ResourceNotFoundException", e.awsErrorDetails().errorCode());
        assertEquals("Function not found: arn:aws:lambda:us-east-1:" + scenario.iam.accountId()
                + ":function:no-such", e.awsErrorDetails().errorMessage());
        assertEquals(List.of("ResourceNotFoundException"),
                e.awsErrorDetails().sdkHttpResponse().matchingHeaders("x-amzn-ErrorType"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"list-tokens:live", "list-tokens:$LATEST", "list-tokens:7", ARN, ARN + ":live",
        "123456789012:function:list-tokens", "123456789012:function:list-tokens:live",
        "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:list-tokens"})
    void aNameOrArnWithOrWithoutAQualifierInvokesTheLocalFunctionOfThatName(String functionName) throws IOException {
        InvokeResponse response = invoke(functionName, event("list-tokens.json"));

        assertEquals(200, response.statusCode());
        assertNull(response.functionError(), response.payload().asUtf8String());
        assertEquals("little_tester", Scenario.JSON.readTree(response.payload().asUtf8String()).path("inventory").path("userName").asText());
    }

    @Test
    void theQualifierParameterIsAcceptedAndMustAgreeWithTheNames() throws IOException {
        InvokeResponse response = lambda.invoke(r -> r.functionName("list-tokens").qualifier("live")
                .payload(SdkBytes.fromUtf8String("{\"userName\": \"little_tester\"}")));
        assertEquals(200, response.statusCode());
        assertNull(response.functionError());

        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class,
                () -> lambda.invoke(r -> r.functionName("list-tokens:live").qualifier("blue")
                        .payload(SdkBytes.fromUtf8String("{}"))));
        assertEquals(400, e.statusCode());
    }

    @Test
    void aQualifiedUnknownFunctionIsNamedWithItsQualifier() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> invoke("arn:aws:lambda:eu-west-1:210987654321:function:no-such:live", "{}"));

        assertEquals("Function not found: arn:aws:lambda:eu-west-1:210987654321:function:no-such:live",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void aDryRunChecksTheRequestWithoutInvoking() {
        InvokeResponse response = lambda.invoke(r -> r.functionName("list-tokens").invocationType(InvocationType.DRY_RUN)
                .payload(SdkBytes.fromUtf8String("{\"userName\": \"little_tester\"}")));

        assertEquals(204, response.statusCode());
        assertEquals(List.of(), scenario.iam.calls().all(), "nothing invoked");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAsLambdaRefusesIt() {
        InvalidRequestContentException e = assertThrows(InvalidRequestContentException.class,
                () -> invoke("list-tokens", "{\"userName\": "));

        assertEquals(400, e.statusCode());
        assertEquals(List.of(), scenario.iam.calls().all());
    }

    @Test
    void eachRequestIsLoggedWithHowItWasAnswered() {
        invoke("list-tokens", "{}");
        assertThrows(ResourceNotFoundException.class, () -> invoke("no-such", "{}"));

        assertEquals(2, logged.size(), logged.toString());
        assertTrue(logged.get(0).startsWith("list-tokens -> Unhandled " + InvalidRequestException.class.getName()),
                logged.get(0));
        assertTrue(logged.get(1).startsWith("no-such -> 404 ResourceNotFoundException"), logged.get(1));
    }

    @Test
    void theOldProjectProtocolIsGone() throws Exception {
        HttpResponse<String> old = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        host.url().resolve("/invoke/list-tokens"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"userName\": \"little_tester\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, old.statusCode());
        assertEquals("UnknownOperationException", old.headers().firstValue("x-amzn-ErrorType").orElse(null));
        assertEquals(List.of(), scenario.iam.calls().all());
    }

    /**
     * Listening on loopback only: the host's address is a loopback one, and every other address of this machine
     * has the same port free (a server on the wildcard address would hold it on all of them). Nothing is sent to
     * any of those addresses: a socket is only bound there.
     */
    @Test
    void itListensOnTheLoopbackAddressOnly() throws IOException {
        assertTrue(host.address().getAddress().isLoopbackAddress(), host.address().toString());
        assertEquals("127.0.0.1", host.url().getHost());
        for (InetAddress other : nonLoopbackAddresses()) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(false);
                probe.bind(new InetSocketAddress(other, host.address().getPort()));
                assertTrue(probe.isBound(), other.toString());
            }
        }
    }

    /**
     * Closed from an interrupted thread (serve-functions on Ctrl-C), a host no longer listens once close returns,
     * with or without connections kept alive by a client. Twenty hosts, as a lingering listener is a race.
     */
    @Test
    void closedFromAnInterruptedThreadNothingListensAnyMore() throws IOException {
        for (int i = 0; i < 20; i++) {
            LocalLambdaHost another = LocalLambdaHost.start(scenario.functions);
            InetSocketAddress address = another.address();
            try (LambdaClient client = LambdaClient.builder().endpointOverride(another.url()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "l")))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                client.invoke(r -> r.functionName("list-tokens").payload(SdkBytes.fromUtf8String("{}")));
                Thread.currentThread().interrupt();
                try {
                    another.close();
                } finally {
                    assertTrue(Thread.interrupted(), "the interruption is kept for the caller");
                }

                assertThrows(ConnectException.class, () -> new Socket(address.getAddress(), address.getPort()).close(),
                        "host " + i);
            }
        }
    }

    static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        addresses.add(address);
                    }
                }
            }
        }
        return addresses;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The probe above can fail: with a server on the wildcard address, binding its port elsewhere is refused. */
    @Test
    void theLoopbackProbeWouldSeeAServerOnTheWildcardAddress() throws IOException {
        List<InetAddress> others = nonLoopbackAddresses();
        try (ServerSocket everywhere = new ServerSocket()) {
            everywhere.setReuseAddress(false);
            everywhere.bind(new InetSocketAddress(0));
            for (InetAddress other : others) {
                try (ServerSocket probe = new ServerSocket()) {
                    probe.setReuseAddress(false);
                    assertThrows(IOException.class,
                            () -> probe.bind(new InetSocketAddress(other, everywhere.getLocalPort())), other.toString());
                }
            }
        }
    }
}
