package dev.offboarding.priming;

import dev.offboarding.iam.IamGateway;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * An IAM gateway over a real SDK client whose HTTP client answers in memory ({@link CannedIamHttpClient}): the
 * whole request path of a function, without a network call and without touching IAM.
 */
public final class OfflineIam {
    private final CannedIamHttpClient http = new CannedIamHttpClient();
    private final IamGateway gateway;

    public OfflineIam() {
        IamClient client = IamClient.builder()
                .region(Region.AWS_GLOBAL)
                // Never resolved: the HTTP client answers before any connection would be opened.
                .endpointOverride(URI.create("https://iam.priming.invalid"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAPRIMING", "priming")))
                .httpClient(http)
                .build();
        this.gateway = new IamGateway(client);
    }

    public IamGateway gateway() {
        return gateway;
    }

    /** The IAM actions answered in memory so far. */
    public List<String> answered() {
        return http.answered();
    }
}
