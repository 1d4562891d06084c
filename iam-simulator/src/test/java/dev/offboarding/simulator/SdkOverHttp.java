package dev.offboarding.simulator;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/** The real SDK client, without retries, talking to a simulator through {@link IamHttpEndpoint}. */
final class SdkOverHttp implements AutoCloseable {

    private final IamHttpEndpoint endpoint;
    private final IamClient iam;

    private SdkOverHttp(IamHttpEndpoint endpoint, IamClient iam) {
        this.endpoint = endpoint;
        this.iam = iam;
    }

    static SdkOverHttp serving(IamSimulator simulator) {
        IamHttpEndpoint endpoint = IamHttpEndpoint.start(simulator);
        IamClient iam = IamClient.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(endpoint.uri())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new SdkOverHttp(endpoint, iam);
    }

    IamClient iam() {
        return iam;
    }

    @Override
    public void close() {
        iam.close();
        endpoint.close();
    }
}
