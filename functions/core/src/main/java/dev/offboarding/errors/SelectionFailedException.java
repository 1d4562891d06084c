package dev.offboarding.errors;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * A call the selection of users depends on failed (a list, the credential report, the account summary, the users
 * file in S3), after the SDK's own retries: throttled, denied, or refused otherwise. The selection fails closed: it
 * never answers "no users" or "every user" for an account it could not read, and writes no candidates. The message
 * names the call, the account, the service's error code and what to check.
 */
public final class SelectionFailedException extends OffboardingException {
    private final String call;
    private final String accountId;
    private final String errorCode;
    private final boolean retryable;

    /** A selection that failed before any account was read (e.g. the organization's accounts not listed). */
    public SelectionFailedException(String message, Throwable cause) {
        super(message, cause);
        this.call = null;
        this.accountId = null;
        this.errorCode = null;
        this.retryable = false;
    }

    public SelectionFailedException(String message) {
        this(message, null);
    }

    public SelectionFailedException(String call, String accountId, String errorCode, String whatToCheck,
                                    boolean retryable, Throwable cause) {
        super("Selecting users in account " + accountId + " failed: " + call + " answered "
                + (errorCode == null ? "no error code" : errorCode) + (cause == null || cause.getMessage() == null
                ? "" : " (" + cause.getMessage() + ")") + ". Check: " + whatToCheck + ". Nothing was selected and no"
                + " candidates were written.", cause);
        this.call = call;
        this.accountId = accountId;
        this.errorCode = errorCode;
        this.retryable = retryable;
    }

    /** The same, for an IAM call {@code call} (e.g. "iam:ListUsers") that failed as {@code failure} says. */
    public static SelectionFailedException of(String call, String accountId, OffboardingException failure,
                                              String roleToCheck) {
        String code = failure.getCause() instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() : null;
        String check;
        if (failure instanceof IamAccessDeniedException) {
            check = "that " + roleToCheck + " may call " + call + " (and that no service control policy denies it)";
        } else if (failure instanceof IamRetryableException) {
            code = code == null ? "no answer" : code;
            check = "IAM was throttling or failing beyond the SDK's retries; start the fleet run again later, or with"
                    + " fewer accounts at once";
        } else {
            check = "the request's selectors and the account " + accountId;
        }
        return new SelectionFailedException(call, accountId, code, check, failure.retryable(), failure);
    }

    /** The failed call, e.g. "iam:ListUsers" or "s3:GetObject". */
    public String call() {
        return call;
    }

    public String accountId() {
        return accountId;
    }

    /** The service's error code (e.g. "AccessDenied", "Throttling"), or null when it gave none. */
    public String errorCode() {
        return errorCode;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
