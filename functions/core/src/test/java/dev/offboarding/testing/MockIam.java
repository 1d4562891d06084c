package dev.offboarding.testing;

import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.withSettings;

import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamRequest;
import software.amazon.awssdk.services.iam.model.IamResponse;

/**
 * A mocked {@link IamClient}. The gateway calls the {@code Consumer<Builder>} overloads, which are default methods
 * that build the request and call the request-object overload: with {@code CALLS_REAL_METHODS} they run for real,
 * so tests stub and capture the request-object overloads (with {@code doReturn/doThrow/doAnswer}, because calling
 * the real request-object overload throws UnsupportedOperationException, as it does on the SDK interface). An
 * unstubbed IAM operation therefore fails loudly instead of quietly answering null.
 */
public final class MockIam {
    private MockIam() {
    }

    public static IamClient iamClient() {
        return mock(IamClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    }

    /**
     * The IAM operations that were sent, in order (the request-object calls that answer an IAM response, e.g.
     * "getUser", "deleteAccessKey"; a paginator is not a call, the pages it fetches are).
     */
    public static List<String> operationsSent(IamClient iam) {
        return mockingDetails(iam).getInvocations().stream()
                .filter(i -> i.getArguments().length == 1 && i.getArguments()[0] instanceof IamRequest
                        && IamResponse.class.isAssignableFrom(i.getMethod().getReturnType()))
                .map(i -> i.getMethod().getName())
                .toList();
    }
}
