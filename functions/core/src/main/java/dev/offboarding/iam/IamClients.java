package dev.offboarding.iam;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Builds the IAM client from the standard SDK configuration only: credentials and profile from the default chain,
 * and endpoint overrides from AWS_ENDPOINT_URL_IAM or AWS_ENDPOINT_URL, which the SDK reads itself. IAM is a
 * global service, signed for its partition's global region.
 */
public final class IamClients {
    private IamClients() {
    }

    public static IamClient fromEnvironment() {
        Map<String, String> env = System.getenv();
        return IamClient.builder()
                .region(Partitions.globalRegionFor(env))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentialsFor(env))
                .build();
    }

    /**
     * In Lambda the function's credentials are always in its environment, so the default chain's walk (system
     * properties, web identity, profile files, container and instance metadata) only costs cold-start time. Anywhere
     * else the standard chain, so profiles and SSO keep working.
     */
    static AwsCredentialsProvider credentialsFor(Map<String, String> env) {
        return env.containsKey("AWS_LAMBDA_FUNCTION_NAME") ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
    }
}
