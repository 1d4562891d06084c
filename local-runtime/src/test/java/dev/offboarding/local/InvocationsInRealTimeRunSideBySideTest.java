package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.offboarding.simulator.HeldCalls;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Lambda runs invocations that arrive together in instances of their own: a function waiting on IAM does not hold up
 * another. The local host does the same in real time; on the logical clock, which stands still while a function
 * runs, it serves them one at a time.
 */
class InvocationsInRealTimeRunSideBySideTest {
    private static final String DELETE_NOBODY = "{\"userName\": \"nobody\"}";

    @Test
    void twoInvocationsServedConcurrentlyAreInIamTogether() throws Exception {
        List<String> held = heldTogether(LocalLambdaHost.Invocations.CONCURRENTLY, 2);
        assertEquals(List.of("DeleteUser", "DeleteUser"), held);
    }

    @Test
    void servedOneAtATimeTheSecondWaitsForTheFirst() {
        IllegalStateException onlyOne = assertThrows(IllegalStateException.class,
                () -> heldTogether(LocalLambdaHost.Invocations.ONE_AT_A_TIME, 2));
        assertEquals(true, onlyOne.getMessage().contains("only 1 had arrived"), onlyOne.getMessage());
    }

    private static List<String> heldTogether(LocalLambdaHost.Invocations invocations, int n) throws Exception {
        Scenario scenario = Scenario.load("little-tester");
        ExecutorService callers = Executors.newFixedThreadPool(n);
        try (LocalLambdaHost host = LocalLambdaHost.start(scenario.functions, 0, line -> { }, time -> { },
                invocations);
             LambdaClient lambda = LambdaClient.builder().endpointOverride(host.url()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("l", "l")))
                     .httpClient(UrlConnectionHttpClient.create())
                     .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
             HeldCalls calls = scenario.iam.holdCalls()) {
            List<Future<?>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(callers.submit(() -> lambda.invoke(r -> r.functionName("delete-user")
                        .payload(SdkBytes.fromUtf8String(DELETE_NOBODY)))));
            }
            try {
                return calls.awaitHeld(n, Duration.ofSeconds(2));
            } finally {
                calls.close();
                for (Future<?> answer : answers) {
                    answer.get();
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
