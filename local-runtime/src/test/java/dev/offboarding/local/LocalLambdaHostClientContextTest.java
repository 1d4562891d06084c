package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.simulator.Call;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Invoke's ClientContext, as the local host reads it: base64-encoded JSON, whose {@code custom.localTime} (sent by a
 * local engine in virtual time) sets the clock the functions and the simulator read before the function runs.
 */
class LocalLambdaHostClientContextTest {
    private static final String LIST_LITTLE_TESTER = "{\"userName\": \"little_tester\"}";

    private Scenario scenario;
    private LocalLambdaHost host;
    private LambdaClient lambda;
    private final List<Instant> told = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void serve() throws IOException {
        scenario = Scenario.load("little-tester");
        host = LocalLambdaHost.start(scenario.functions, 0, line -> { }, time -> {
            told.add(time);
            scenario.clock.set(time);
        });
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

    private InvokeResponse invoke(String clientContextJson) {
        return lambda.invoke(r -> r.functionName("list-tokens").payload(SdkBytes.fromUtf8String(LIST_LITTLE_TESTER))
                .clientContext(clientContextJson == null ? null : base64(clientContextJson)));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCallersLocalTimeIsTheTimeTheFunctionAndTheSimulatorSee() {
        Instant callersTime = Instant.parse("2026-12-01T08:30:00.250Z");

        InvokeResponse response = invoke("{\"client\": {\"app_title\": \"engine\"},"
                + " \"custom\": {\"team\": \"qa\", \"localTime\": \"" + callersTime + "\"}}");

        assertNull(response.functionError(), response.payload().asUtf8String());
        assertEquals(List.of(callersTime), told);
        List<Call> calls = scenario.iam.calls().all();
        assertFalse(calls.isEmpty(), "list-tokens called IAM");
        calls.forEach(c -> assertEquals(callersTime, c.at(), "every IAM call at the caller's time: " + c));
    }

    @Test
    void withoutALocalTimeTheClockIsLeftAlone() {
        Instant before = scenario.clock.instant();

        assertNull(invoke(null).functionError());
        assertNull(invoke("{\"custom\": {\"team\": \"qa\"}}").functionError());
        assertNull(invoke("{}").functionError());

        assertEquals(List.of(), told);
        assertEquals(before, scenario.clock.instant());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[1, 2]", "\"a string\"", "{\"custom\": [\"localTime\"]}",
        "{\"custom\": {\"localTime\": 1764577800}}", "{\"custom\": {\"localTime\": \"yesterday\"}}",
        "{\"custom\": {\"nested\": {\"a\": \"b\"}}}", "{\"custom\": "})
    void aClientContextThatIsNoBase64JsonObjectOfStringsIsRefusedAndNothingRuns(String clientContextJson) {
        InvalidRequestContentException e = assertThrows(InvalidRequestContentException.class,
                () -> invoke(clientContextJson));

        assertEquals(400, e.statusCode());
        assertEquals(List.of(), told);
        assertEquals(List.of(), scenario.iam.calls().all(), "the function did not run");
    }

    @Test
    void aClientContextThatIsNotBase64IsRefused() {
        InvalidRequestContentException e = assertThrows(InvalidRequestContentException.class,
                () -> lambda.invoke(r -> r.functionName("list-tokens").clientContext("not base64!")
                        .payload(SdkBytes.fromUtf8String(LIST_LITTLE_TESTER))));

        assertTrue(e.awsErrorDetails().errorMessage().contains("base64"), e.awsErrorDetails().errorMessage());
        assertEquals(List.of(), scenario.iam.calls().all());
    }

    @Test
    void aClientContextLongerThanInvokeTakesIsRefused() {
        String padding = "x".repeat(ClientContextTime.MAX_BYTES);

        InvalidRequestContentException e = assertThrows(InvalidRequestContentException.class,
                () -> invoke("{\"custom\": {\"padding\": \"" + padding + "\"}}"));

        assertTrue(e.awsErrorDetails().errorMessage().contains(Integer.toString(ClientContextTime.MAX_BYTES)),
                e.awsErrorDetails().errorMessage());
        assertEquals(List.of(), scenario.iam.calls().all());
    }
}
