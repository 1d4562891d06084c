package dev.offboarding.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import dev.offboarding.testing.MockIam;
import dev.offboarding.testing.SdkErrors;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;

/**
 * AttachUserPolicy is refused for good, in a way the permissions boundary may avoid, when the user's quota of managed
 * policies is full (LimitExceeded) or a policy denies the call (AccessDenied: the caller's own policies, or an
 * organization's SCP). Throttling, a server failure, not reaching IAM or a malformed request are not such refusals:
 * another mechanism would meet the same fate, so they are left to what handles them.
 */
class OnlyAFullQuotaOrAPolicyRefusesTheDenyForGoodUnitTest {
    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("LimitExceeded: the quota of managed policies is full", true,
                        (Supplier<SdkException>) SdkErrors::limitExceeded),
                Arguments.of("AccessDenied by the caller's policies", true,
                        (Supplier<SdkException>) () -> SdkErrors.accessDenied("AttachUserPolicy")),
                Arguments.of("AccessDenied by an organization's SCP", true,
                        (Supplier<SdkException>) () -> SdkErrors.deniedByScp("AttachUserPolicy")),
                Arguments.of("Throttling", false, (Supplier<SdkException>) SdkErrors::throttling),
                Arguments.of("ServiceFailure", false, (Supplier<SdkException>) SdkErrors::serviceFailure),
                Arguments.of("IAM not reached", false, (Supplier<SdkException>) () ->
                        SdkClientException.create("Unable to execute HTTP request: Connect timed out")),
                Arguments.of("ValidationError", false, (Supplier<SdkException>) SdkErrors::validationError));
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("answers")
    void aRefusalForGoodIsOneAnotherMechanismMayAvoid(String answer, boolean forGood, Supplier<SdkException> iamSays) {
        IamClient iam = MockIam.iamClient();
        doThrow(iamSays.get()).when(iam).attachUserPolicy(any(AttachUserPolicyRequest.class));

        RuntimeException e = assertThrows(RuntimeException.class,
                () -> new IamGateway(iam).attachPolicy("bob", DENY_ALL));

        assertEquals(forGood, IamGateway.refusedForGood(e), e.getMessage());
    }

    @Test
    void aFailureThatIsNotIamsAnswerIsNoRefusal() {
        assertEquals(false, IamGateway.refusedForGood(new IllegalStateException("unexpected answer")));
    }
}
