package dev.offboarding.iam;

import dev.offboarding.testing.SdkErrors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.errors.IamAccessDeniedException;
import dev.offboarding.errors.IamRequestFailedException;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.errors.OffboardingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.model.IamException;

/** The one mapping from IAM's answer to the error contract, by error code and status. */
class IamErrorsUnitTest {

    private static IamException answer(int status, String code) {
        return (IamException) IamException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("IAM's words")
                        .serviceName("Iam").build())
                .message("IAM's words").build();
    }

    @ParameterizedTest(name = "{1} ({0}) -> {2}")
    @CsvSource({
        "400, Throttling, IamRetryableException",
        "400, ThrottlingException, IamRetryableException",
        "429, TooManyRequestsException, IamRetryableException",
        "500, ServiceFailure, IamRetryableException",
        "503, ServiceUnavailable, IamRetryableException",
        "409, EntityTemporarilyUnmodifiable, IamRetryableException",
        "409, ConcurrentModification, IamRetryableException",
        "409, DeleteConflict, IamRetryableException",
        "400, RequestExpired, IamRetryableException",
        "403, AccessDenied, IamAccessDeniedException",
        "403, AccessDeniedException, IamAccessDeniedException",
        "403, InvalidClientTokenId, IamAccessDeniedException",
        "403, SignatureDoesNotMatch, IamAccessDeniedException",
        "400, ExpiredToken, IamAccessDeniedException",
        "409, LimitExceeded, IamRequestFailedException",
        "400, InvalidInput, IamRequestFailedException",
        "400, ValidationError, IamRequestFailedException",
        "400, MalformedPolicyDocument, IamRequestFailedException",
        "409, EntityAlreadyExists, IamRequestFailedException",
    })
    void eachAnswerOfIamMapsToOneKindOfTheErrorContract(int status, String code, String expected) {
        IamException error = answer(status, code);

        OffboardingException e = IamErrors.translate("DeleteAccessKey", "bob/AKIAIOSFODNN7EXAMPLE", error);

        assertEquals(expected, e.getClass().getSimpleName());
        assertSame(error, e.getCause());
        assertEquals(e instanceof IamRetryableException, e.retryable());
        assertTrue(e.getMessage().contains("iam:DeleteAccessKey on bob/AKIAIOSFODNN7EXAMPLE"), e.getMessage());
        assertTrue(e.getMessage().contains(code), "IAM's error code is quoted: " + e.getMessage());
    }

    @Test
    void accessDeniedSaysWhichIamActionToGrant() {
        OffboardingException e = IamErrors.translate("DetachUserPolicy", "bob/arn:aws:iam::aws:policy/ReadOnlyAccess",
                answer(403, "AccessDenied"));

        assertInstanceOf(IamAccessDeniedException.class, e);
        assertTrue(e.getMessage().contains("the function's role lacks iam:DetachUserPolicy"), e.getMessage());
    }

    @Test
    void accessDeniedOnAUserSaysFirstThatAUserOutsideTheStacksPathIsNotItsToOffboard() {
        OffboardingException e = IamErrors.translate("GetUser", "root-admin", answer(403, "AccessDenied"));

        assertTrue(e.getMessage().contains("this stack may offboard only users under"), e.getMessage());
        assertTrue(e.getMessage().contains("do not widen the function's permissions"), e.getMessage());
    }

    @Test
    void accessDeniedOnARoleIsAboutThePermissionOnly() {
        OffboardingException e = IamErrors.translate("GetRole", "deployer", answer(403, "AccessDenied"));

        assertTrue(e.getMessage().contains("grant the function's role iam:GetRole"), e.getMessage());
        assertFalse(e.getMessage().contains("UserPath"), e.getMessage());
    }

    @Test
    void notReachingIamAtAllIsRetryable() {
        OffboardingException e = IamErrors.translate("GetUser", "bob",
                SdkClientException.create("Unable to execute HTTP request: Read timed out"));

        assertInstanceOf(IamRetryableException.class, e);
        assertTrue(e.getMessage().contains("could not reach IAM"), e.getMessage());
    }

    @ParameterizedTest(name = "status {0} without error code -> {1}")
    @CsvSource({
        "400, IamRequestFailedException",
        "403, IamAccessDeniedException",
        "502, IamRetryableException",
    })
    void anAnswerWithoutAnErrorCodeIsStillTranslatedByItsStatus(int status, String expected) {
        // e.g. a proxy's HTML page: the SDK cannot read an error code from it.
        IamException withoutDetails = (IamException) IamException.builder().statusCode(status)
                .message("<html>Bad Gateway</html>").build();
        IamException withoutCode = (IamException) IamException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("Iam").build()).message("...").build();

        assertEquals(expected, IamErrors.translate("GetUser", "bob", withoutDetails).getClass().getSimpleName());
        assertEquals(expected, IamErrors.translate("GetUser", "bob", withoutCode).getClass().getSimpleName());
    }

    @Test
    void noSuchEntityIsRecognisedByItsErrorCode() {
        assertTrue(IamErrors.isNoSuchEntity(SdkErrors.noSuchEntity("The user with name bob cannot be found.")));
        assertTrue(!IamErrors.isNoSuchEntity(answer(404, "NotFound")));
        assertTrue(!IamErrors.isNoSuchEntity(SdkClientException.create("timeout")));
    }

    @Test
    void anyOtherFailureIsATypedNonRetryableFailure() {
        assertInstanceOf(IamRequestFailedException.class, IamErrors.translate("GetUser", "bob",
                software.amazon.awssdk.core.exception.SdkServiceException.builder().statusCode(400)
                        .message("odd").build()));
    }
}
