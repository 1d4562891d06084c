package dev.offboarding.records;

import dev.offboarding.errors.RecordStoreUnavailableException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What to say when S3 refused or could not be reached: the call, the s3:// location, S3's error code and HTTP status
 * ("AccessDenied (403)"), its message, and what to check. Only S3's error code and message are quoted, never a
 * request's headers or signature, so no credential can end up in the message.
 */
final class S3Failures {
    private static final Set<String> CREDENTIALS_REFUSED = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "ExpiredToken", "InvalidToken", "TokenRefreshRequired");
    private static final Set<String> WRONG_REGION = Set.of("PermanentRedirect", "AuthorizationHeaderMalformed",
            "IllegalLocationConstraintException");

    private S3Failures() {
    }

    static RecordStoreUnavailableException of(String operation, S3Location location, String key, SdkException e) {
        String call = "s3:" + operation + " of " + location.describe(key);
        if (e instanceof AwsServiceException service) {
            AwsErrorDetails details = service.awsErrorDetails();
            String code = details == null || details.errorCode() == null ? "no error code" : details.errorCode();
            String message = details == null || details.errorMessage() == null ? ""
                    : ": " + withoutFullStop(details.errorMessage());
            return new RecordStoreUnavailableException(call + " failed with " + code + " (" + service.statusCode()
                    + ")" + message + "; " + whatToCheck(operation, location, code, service), e);
        }
        return new RecordStoreUnavailableException(call + " could not be made: " + e.getMessage() + "; check the"
                + " region, credentials and endpoint of the standard AWS SDK configuration (AWS_REGION, AWS_PROFILE,"
                + " AWS_ENDPOINT_URL_S3)", e);
    }

    private static String withoutFullStop(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    private static String whatToCheck(String operation, S3Location location, String code, AwsServiceException e) {
        String bucket = location.bucket();
        if ("NoSuchBucket".equals(code) || (e.statusCode() == 404 && !"GetObject".equals(operation))) {
            return "bucket " + bucket + " does not exist: check the records location (RECORDS_BUCKET, --records)"
                    + " and the account the credentials are of";
        }
        if (CREDENTIALS_REFUSED.contains(code)) {
            return "S3 refused the credentials: check those of the standard AWS SDK configuration (they are not shown"
                    + " here)";
        }
        if (WRONG_REGION.contains(code) || e.statusCode() == 301) {
            return "bucket " + bucket + " is in another region than the client's: set AWS_REGION to the bucket's";
        }
        if (e.isThrottlingException() || e.statusCode() >= 500) {
            return "S3 is throttling or failing for now; it is safe to try again";
        }
        if ("AccessDenied".equals(code) || e.statusCode() == 403) {
            String objects = "arn:aws:s3:::" + bucket + "/" + location.prefix() + "*";
            return switch (operation) {
                case "PutObject" -> "check that the caller may s3:PutObject on " + objects + " (and use the bucket's"
                        + " KMS key, if it has one), and that no bucket policy or Object Lock setting refuses it";
                case "GetObject" -> "check that the caller may s3:GetObject on " + objects + " (S3 answers a key that"
                        + " does not exist with 403 AccessDenied, not 404, to a caller that may not s3:ListBucket on"
                        + " arn:aws:s3:::" + bucket + ")";
                default -> "check that the caller may s3:ListBucket on arn:aws:s3:::" + bucket
                        + (location.prefix().isEmpty() ? "" : " (for keys under " + location.prefix() + ")");
            };
        }
        return "check the bucket " + bucket + " and the caller's S3 permissions";
    }
}
