package dev.offboarding.simulator;

/** How AWS words a call denied by a service control policy of the caller's organization (AccessDenied, 403). */
final class ServiceControlPolicyDenial {

    static final String ERROR_CODE = "AccessDenied";
    static final int STATUS = 403;

    private ServiceControlPolicyDenial() {
    }

    /** E.g. {@code User: arn:aws:iam::123456789012:user/ops is not authorized to perform: iam:DeleteUser on ...}. */
    static String message(String callerArn, String action, String resource) {
        return "User: " + callerArn + " is not authorized to perform: " + action + " on resource: " + resource
                + " with an explicit deny in a service control policy";
    }
}
