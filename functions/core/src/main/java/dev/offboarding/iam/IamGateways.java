package dev.offboarding.iam;

import dev.offboarding.errors.InvalidConfigurationException;
import dev.offboarding.validation.MemberAccount;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The IAM gateway an execution acts through: the functions' own account with their own credentials, or another
 * account of the organization through its offboarding role ({@code arn:<partition>:iam::<accountId>:role/
 * <OFFBOARDING_ROLE_NAME>}) with a role session named after the execution. Gateways of member accounts are built
 * once per account and session and kept for the container's next invocations of the same execution.
 */
public final class IamGateways {
    public static final String OFFBOARDING_ROLE_NAME = "OFFBOARDING_ROLE_NAME";
    /** Sessions of concurrent executions a warm container keeps; the oldest is dropped beyond this. */
    static final int MAX_CACHED_SESSIONS = 16;
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

    /** Makes an IAM client whose credentials come from sts:AssumeRole of one role with one session name. */
    @FunctionalInterface
    public interface AssumedRoleClients {
        IamClient clientFor(String roleArn, String sessionName);
    }

    private final IamGateway home;
    private final AssumedRoleClients assumedRoleClients;
    private final String roleName;
    private final String partition;
    private final Map<MemberAccount, IamGateway> sessions = new LinkedHashMap<>(MAX_CACHED_SESSIONS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<MemberAccount, IamGateway> eldest) {
            return size() > MAX_CACHED_SESSIONS;
        }
    };

    /**
     * @param roleName the offboarding role's name in every member account; null when the deployment has none, in
     *                 which case asking for a member account is a configuration error
     */
    public IamGateways(IamGateway home, AssumedRoleClients assumedRoleClients, String roleName, String partition) {
        this.home = home;
        this.assumedRoleClients = assumedRoleClients;
        this.roleName = roleName == null || roleName.isBlank() ? null : roleName.strip();
        this.partition = partition;
        if (this.roleName != null && !ROLE_NAME.matcher(this.roleName).matches()) {
            throw new InvalidConfigurationException(OFFBOARDING_ROLE_NAME + " must be an IAM role name (1 to 64"
                    + " characters of letters, digits and + = , . @ _ -), without a path; it is \"" + roleName + "\"");
        }
    }

    /** Only the home account: for tests and deployments that never act in another account. */
    public static IamGateways homeOnly(IamGateway home) {
        return new IamGateways(home, (roleArn, session) -> {
            throw new IllegalStateException("no member-account clients configured");
        }, null, "aws");
    }

    /** The runtime: one IAM and one STS client per container, from the standard SDK configuration. */
    public static IamGateways fromEnvironment() {
        return fromEnvironment(IamClients.SdkRetries.ON);
    }

    /** The same, with the SDK's own retries on or off for every client (the home one and each member account's). */
    public static IamGateways fromEnvironment(IamClients.SdkRetries retries) {
        Map<String, String> env = System.getenv();
        // Built on the first request for another account: most containers never need STS, so none pays for it.
        Supplier<StsClient> sts = new Supplier<>() {
            private StsClient client;

            @Override
            public synchronized StsClient get() {
                if (client == null) {
                    client = StsClients.fromEnvironment();
                }
                return client;
            }
        };
        AssumedRoleClients clients = (roleArn, sessionName) -> IamClients.builder(env, retries)
                .credentialsProvider(StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(sts.get())
                        .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(sessionName))
                        .build())
                .build();
        return new IamGateways(new IamGateway(IamClients.fromEnvironment(retries)), clients,
                env.get(OFFBOARDING_ROLE_NAME),
                Partitions.fromEnvironment(env));
    }

    public IamGateway home() {
        return home;
    }

    /** The gateway for {@code account}, or the home one when it is null. */
    public IamGateway of(MemberAccount account) {
        if (account == null) {
            return home;
        }
        synchronized (sessions) {
            IamGateway gateway = sessions.get(account);
            if (gateway == null) {
                String roleArn = roleArn(account.accountId());
                try {
                    gateway = new IamGateway(assumedRoleClients.clientFor(roleArn, account.sessionName()));
                } catch (SdkException e) {
                    throw IamErrors.translate("*", "account " + account.accountId(), e);
                }
                sessions.put(account, gateway);
            }
            return gateway;
        }
    }

    /** The offboarding role of an account. */
    public String roleArn(String accountId) {
        if (roleName == null) {
            throw new InvalidConfigurationException(OFFBOARDING_ROLE_NAME + " is not set, so this function cannot act"
                    + " in account " + accountId + ": set it to the name of the member-account offboarding role");
        }
        return "arn:" + partition + ":iam::" + accountId + ":role/" + roleName;
    }

    int cachedSessions() {
        synchronized (sessions) {
            return sessions.size();
        }
    }
}
