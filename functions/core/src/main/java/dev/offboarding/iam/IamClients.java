package dev.offboarding.iam;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamClientBuilder;

/**
 * Builds the IAM client from the standard SDK configuration only: credentials and profile from the default chain,
 * and endpoint overrides from AWS_ENDPOINT_URL_IAM or AWS_ENDPOINT_URL, which the SDK reads itself. IAM is a
 * global service, signed for its partition's global region.
 */
public final class IamClients {
    private IamClients() {
    }

    public static IamClient fromEnvironment() {
        return fromEnvironment(SdkRetries.ON);
    }

    /** Whether the SDK retries a throttled or failed call itself, or leaves every retry to the workflow. */
    public enum SdkRetries { ON, OFF }

    public static IamClient fromEnvironment(SdkRetries retries) {
        Map<String, String> env = System.getenv();
        return builder(env, retries).credentialsProvider(credentialsFor(env)).build();
    }

    /**
     * The builder both the home client and member-account clients start from. With {@link SdkRetries#OFF} each call
     * of the function is exactly one request to IAM, so the workflow that retries it can count what IAM saw.
     */
    public static IamClientBuilder builder(Map<String, String> env, SdkRetries retries) {
        IamClientBuilder builder = IamClient.builder()
                .region(Partitions.globalRegionFor(env))
                .httpClient(UrlConnectionHttpClient.create());
        builder.overrideConfiguration(c -> c.retryStrategy(retries == SdkRetries.OFF ? AwsRetryStrategy.doNotRetry()
                : retryStrategy()));
        return builder;
    }

    /**
     * The SDK's STANDARD strategy (3 attempts, full-jitter backoff from 1 s on throttling, a retry quota), chosen over
     * ADAPTIVE_V2 for IAM's throttling: the adaptive client-side rate limiter measures one client's view of an
     * account-wide bucket that every instance shares, and delays calls without knowing the others; in the fleet
     * benchmark (benchmark/results/fleet.md) it was slower at every concurrency. Chosen here rather than left to the
     * SDK's default mode (AWS_RETRY_MODE, the profile's retry_mode, else the SDK release's own default), so every
     * deployment retries the same way.
     */
    public static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy();
    }

    /**
     * In Lambda the function's credentials are always in its environment, so the default chain's walk (system
     * properties, web identity, profile files, container and instance metadata) only costs cold-start time. Anywhere
     * else the standard chain, so profiles and SSO keep working.
     */
    public static AwsCredentialsProvider credentialsFor(Map<String, String> env) {
        return env.containsKey("AWS_LAMBDA_FUNCTION_NAME") ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
    }
}
