package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.iam.IamClients;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.simulator.IamHttpEndpoint;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * delete-user's client makes exactly one DeleteUser request per invocation (the SDK's own retries are off), so the
 * workflow's count of DeleteUser attempts is the count of requests IAM saw. The real SDK client, over HTTP.
 */
class DeleteUserCallsIamOnceTest {
    private final IamSimulator simulator = new IamSimulator(new MutableClock(Instant.parse("2026-11-20T12:00:00Z")));
    private final IamHttpEndpoint endpoint = IamHttpEndpoint.start(simulator);

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private IamGateway gateway(IamClients.SdkRetries retries) {
        return new IamGateway(IamClients.builder(Map.of(), retries).endpointOverride(endpoint.uri())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local")))
                .build());
    }

    @Test
    void withoutSdkRetriesAThrottledDeleteUserIsOneRequestAndTheWorkflowRetriesIt() {
        simulator.createUser(r -> r.userName("bob"));
        simulator.faults().throttle("DeleteUser", 1);

        assertThrows(IamRetryableException.class, () -> gateway(IamClients.SdkRetries.OFF).deleteUser("bob"));

        assertEquals(1, simulator.calls().count("DeleteUser"));
    }

    /** The control: with the SDK's retries the same throttle costs a second request the workflow never sees. */
    @Test
    void withSdkRetriesTheSameThrottleIsTwoRequests() {
        simulator.createUser(r -> r.userName("bob"));
        simulator.faults().throttle("DeleteUser", 1);

        gateway(IamClients.SdkRetries.ON).deleteUser("bob");

        assertEquals(2, simulator.calls().count("DeleteUser"));
    }
}
