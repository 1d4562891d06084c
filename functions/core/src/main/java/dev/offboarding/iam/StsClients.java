package dev.offboarding.iam;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds the STS client from the standard SDK configuration only (region, credentials, AWS_ENDPOINT_URL_STS or
 * AWS_ENDPOINT_URL). STS is called in the function's own region, never pinned to the global endpoint: a regional
 * AssumeRole is what proves that the region sees a role.
 */
public final class StsClients {
    private StsClients() {
    }

    public static StsClient fromEnvironment() {
        return StsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(IamClients.credentialsFor(System.getenv())).build();
    }
}
