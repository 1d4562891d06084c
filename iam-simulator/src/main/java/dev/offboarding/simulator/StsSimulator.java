package dev.offboarding.simulator;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import static dev.offboarding.simulator.CallInvoker.target;

/**
 * The bit of STS an offboarding tool touches, over the same account as its {@link IamSimulator}:
 * who am I, and AssumeRole with obviously fake temporary credentials. Calls go to the same call log
 * and are subject to the same faults.
 */
public final class StsSimulator implements StsClient {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/([\\u0021-\\u007E]*/)?([\\w+=,.@-]+)");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final int MIN_DURATION_SECONDS = 900;
    private static final int MAX_DURATION_SECONDS = 43_200;
    private static final int DEFAULT_DURATION_SECONDS = 3_600;

    private final Account account;
    private final CallInvoker invoker;
    private String generatedCallerUserId;

    StsSimulator(Account account, CallInvoker invoker) {
        this.account = account;
        this.invoker = invoker;
    }

    @Override
    public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest request) {
        return call("GetCallerIdentity", "", "*", () -> GetCallerIdentityResponse.builder()
                .account(account.accountId)
                .arn(account.caller.arn())
                .userId(callerUserId())
                .build());
    }

    @Override
    public AssumeRoleResponse assumeRole(AssumeRoleRequest request) {
        return call("AssumeRole", target(request.roleArn(), request.roleSessionName()),
                request.roleArn() == null ? "*" : request.roleArn(), () -> {
            var roleArn = ROLE_ARN.matcher(required("roleArn", request.roleArn()));
            if (!roleArn.matches()) {
                throw validation("Value '" + request.roleArn() + "' at 'roleArn' failed to satisfy constraint: "
                        + "Member must be a valid role ARN");
            }
            String session = required("roleSessionName", request.roleSessionName());
            if (!SESSION_NAME.matcher(session).matches()) {
                throw validation("Value '" + session + "' at 'roleSessionName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
            }
            int seconds = request.durationSeconds() == null ? DEFAULT_DURATION_SECONDS : request.durationSeconds();
            if (seconds < MIN_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS) {
                throw validation("Value '" + seconds + "' at 'durationSeconds' failed to satisfy constraint: "
                        + "Member must have value between " + MIN_DURATION_SECONDS + " and " + MAX_DURATION_SECONDS);
            }
            String roleAccountId = roleArn.group(1);
            String roleName = roleArn.group(3);
            RoleRecord role = assumableRole(roleAccountId, roleName, request.roleArn());
            String accessKeyId = account.ids.temporaryAccessKeyId();
            if (account.organization != null) {
                account.organization.issued(accessKeyId, roleAccountId);
            }
            return AssumeRoleResponse.builder()
                    .credentials(Credentials.builder()
                            .accessKeyId(accessKeyId)
                            .secretAccessKey("simulated-secret-" + account.ids.secret(23))
                            .sessionToken("simulated-session-token-" + account.ids.secret(64))
                            .expiration(account.now().plus(Duration.ofSeconds(seconds)))
                            .build())
                    .assumedRoleUser(AssumedRoleUser.builder()
                            .assumedRoleId(role.roleId + ":" + session)
                            .arn("arn:aws:sts::" + roleAccountId + ":assumed-role/" + roleName + "/" + session)
                            .build())
                    .build();
        });
    }

    /**
     * The role, if this caller may assume it now. Like STS, one answer for every refusal, so that a caller cannot
     * tell a missing role from one that does not trust it or has not propagated yet: AccessDenied.
     */
    private RoleRecord assumableRole(String roleAccountId, String roleName, String roleArn) {
        Account target = roleAccountId.equals(account.accountId) ? account
                : account.organization == null ? null : account.organization.accountState(roleAccountId);
        RoleRecord role = null;
        if (target != null) {
            synchronized (target) {
                role = target.findRole(roleName).orElse(null);
            }
        }
        boolean allowed = role != null && PolicyEvaluation.trusts(role.trustPolicy, account.caller.arn())
                && !account.now().isBefore(role.usableAt);
        if (!allowed) {
            throw error("AccessDenied", 403, "User: " + account.caller.arn()
                    + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        }
        return role;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return "StsSimulator[account=" + account.accountId + "]";
    }

    private String callerUserId() {
        if (account.caller.explicitUserId() != null) {
            return account.caller.explicitUserId();
        }
        String userId = account.caller.userName()
                .flatMap(account::findUser)
                .map(user -> user.identity.userId())
                .orElse(null);
        if (userId != null) {
            return userId;
        }
        if (generatedCallerUserId == null) {
            generatedCallerUserId = account.caller.userName().isPresent()
                    ? account.ids.userId()
                    : account.ids.roleId() + ":" + account.caller.arn().substring(account.caller.arn().lastIndexOf('/') + 1);
        }
        return generatedCallerUserId;
    }

    private <T extends SdkResponse> T call(String operation, String target, String resource, Supplier<T> action) {
        return invoker.call(operation, target, fault -> fault(fault, ServiceControlPolicyDenial.message(
                account.caller.arn(), "sts:" + operation, resource)), action);
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw validation("Value null at '" + field + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static AwsServiceException validation(String detail) {
        return error("ValidationError", 400, "1 validation error detected: " + detail);
    }

    private static AwsServiceException fault(Fault fault, String denial) {
        return switch (fault) {
            case THROTTLING -> error("Throttling", 400, "Rate exceeded");
            case SERVER_ERROR -> error("InternalFailure", 500, "An internal error occurred. Try again later.");
            case SERVICE_CONTROL_POLICY_DENY -> error(ServiceControlPolicyDenial.ERROR_CODE,
                    ServiceControlPolicyDenial.STATUS, denial);
        };
    }

    private static AwsServiceException error(String code, int status, String message) {
        return StsException.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("Sts")
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build())
                        .build())
                .statusCode(status)
                .message(message)
                .build();
    }
}
