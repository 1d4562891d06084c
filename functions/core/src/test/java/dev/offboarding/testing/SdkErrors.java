package dev.offboarding.testing;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityTemporarilyUnmodifiableException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ServiceFailureException;

/** IAM's answers built the way the SDK builds them when it unmarshalls an error response. */
public final class SdkErrors {
    private SdkErrors() {
    }

    public static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Iam").build();
    }

    public static NoSuchEntityException noSuchEntity(String message) {
        return NoSuchEntityException.builder().statusCode(404)
                .awsErrorDetails(details("NoSuchEntity", message)).message(message).build();
    }

    public static IamException throttling() {
        return (IamException) IamException.builder().statusCode(400)
                .awsErrorDetails(details("Throttling", "Rate exceeded")).message("Rate exceeded").build();
    }

    public static ServiceFailureException serviceFailure() {
        String message = "We encountered an internal error. Please try again.";
        return ServiceFailureException.builder().statusCode(500)
                .awsErrorDetails(details("ServiceFailure", message)).message(message).build();
    }

    public static IamException accessDenied(String action) {
        String message = "User: arn:aws:sts::123456789012:assumed-role/offboarding/fn is not authorized to perform: "
                + "iam:" + action + " on resource: user bob because no identity-based policy allows the iam:"
                + action + " action";
        return (IamException) IamException.builder().statusCode(403)
                .awsErrorDetails(details("AccessDenied", message)).message(message).build();
    }

    /** An organization's service control policy denies the call, whatever the caller's own policies allow. */
    public static IamException deniedByScp(String action) {
        String message = "User: arn:aws:sts::123456789012:assumed-role/offboarding/fn is not authorized to perform: "
                + "iam:" + action + " on resource: arn:aws:iam::123456789012:user/bob with an explicit deny in a"
                + " service control policy";
        return (IamException) IamException.builder().statusCode(403)
                .awsErrorDetails(details("AccessDenied", message)).message(message).build();
    }

    public static DeleteConflictException deleteConflict(String message) {
        return DeleteConflictException.builder().statusCode(409)
                .awsErrorDetails(details("DeleteConflict", message)).message(message).build();
    }

    public static EntityTemporarilyUnmodifiableException temporarilyUnmodifiable() {
        String message = "Login Profile for User bob cannot be modified while login profile is being created.";
        return EntityTemporarilyUnmodifiableException.builder().statusCode(409)
                .awsErrorDetails(details("EntityTemporarilyUnmodifiable", message)).message(message).build();
    }

    public static LimitExceededException limitExceeded() {
        String message = "Cannot exceed quota for PoliciesPerUser: 10";
        return LimitExceededException.builder().statusCode(409)
                .awsErrorDetails(details("LimitExceeded", message)).message(message).build();
    }

    public static IamException validationError() {
        String message = "1 validation error detected: Value at 'userName' failed to satisfy constraint";
        return (IamException) IamException.builder().statusCode(400)
                .awsErrorDetails(details("ValidationError", message)).message(message).build();
    }
}
