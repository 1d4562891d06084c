package dev.offboarding.iam;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The STS calls the functions make. {@link #tryAssumeRole} answers only whether sts:AssumeRole succeeded: the
 * temporary credentials it returns are dropped at once and never leave this method.
 */
public final class StsGateway {
    /** The shortest session STS grants; nothing is done with it. */
    static final int PROBE_SESSION_SECONDS = 900;
    // STS answers AccessDenied for a role that does not exist, does not trust the caller, or is not visible yet.
    private static final Set<String> NOT_ALLOWED = Set.of("AccessDenied", "AccessDeniedException");

    private final StsClient sts;
    private volatile CallerIdentity me;

    public StsGateway(StsClient sts) {
        this.sts = sts;
    }

    public static StsGateway fromEnvironment() {
        return new StsGateway(StsClients.fromEnvironment());
    }

    /** Who this function runs as (account, ARN); asked once per container. */
    public CallerIdentity callerIdentity() {
        CallerIdentity known = me;
        if (known == null) {
            try {
                var answer = sts.getCallerIdentity(r -> { });
                known = new CallerIdentity(answer.account(), answer.arn());
            } catch (SdkException e) {
                throw IamErrors.translate("sts", "GetCallerIdentity", "this function", e);
            }
            me = known;
        }
        return known;
    }

    /** Whether STS in this region lets this function assume the role now; the credentials are discarded. */
    public AssumeRoleAttempt tryAssumeRole(String roleArn, String sessionName) {
        try {
            sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(sessionName).durationSeconds(PROBE_SESSION_SECONDS));
            return AssumeRoleAttempt.ASSUMED;
        } catch (AwsServiceException e) {
            String code = IamErrors.errorCode(e);
            if ((code != null && NOT_ALLOWED.contains(code)) || e.statusCode() == 403) {
                String said = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
                return AssumeRoleAttempt.denied(code + ": " + said);
            }
            throw IamErrors.translate("sts", "AssumeRole", roleArn, e);
        } catch (SdkException e) {
            throw IamErrors.translate("sts", "AssumeRole", roleArn, e);
        }
    }

    public record CallerIdentity(String accountId, String arn) {
    }

    /** {@code denial} is STS's answer when it refused, e.g. "AccessDenied: User: ... is not authorized ...". */
    public record AssumeRoleAttempt(boolean assumed, String denial) {
        static final AssumeRoleAttempt ASSUMED = new AssumeRoleAttempt(true, null);

        static AssumeRoleAttempt denied(String denial) {
            return new AssumeRoleAttempt(false, denial);
        }
    }
}
