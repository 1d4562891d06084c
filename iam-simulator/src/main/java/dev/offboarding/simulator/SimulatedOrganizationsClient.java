package dev.offboarding.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountState;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.InvalidInputExceptionReason;
import software.amazon.awssdk.services.organizations.model.ListAccountsRequest;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;
import software.amazon.awssdk.services.organizations.model.ServiceException;
import software.amazon.awssdk.services.organizations.model.TooManyRequestsException;

/**
 * AWS Organizations as the organization's management account sees it, for ListAccounts (and its paginator, the
 * SDK's default {@code listAccountsPaginator}): every account of the organization, the management (home) account
 * first, each with its Id, Arn, Name, Email, Status and State (ACTIVE, SUSPENDED or PENDING_CLOSURE), JoinedMethod
 * and JoinedTimestamp; at most MaxResults (1 to 20) and at most the page size per answer, with a NextToken.
 * Calls are logged and can be faulted like IAM's: throttling is TooManyRequestsException, a server error
 * ServiceException (500), a denial AccessDeniedException (403). Other Organizations calls throw
 * {@link UnsupportedOperationException}. Thread-safe.
 */
public final class SimulatedOrganizationsClient implements OrganizationsClient {

    static final int MAX_RESULTS = 20;
    private static final String TOKEN_PREFIX = "org-sim:accounts:";

    private final SimulatedOrganization organization;
    private final CallInvoker invoker;
    private volatile int pageSize = MAX_RESULTS;

    SimulatedOrganizationsClient(SimulatedOrganization organization, Clock clock) {
        this.organization = organization;
        this.invoker = new CallInvoker(this, clock, new FaultInjector());
    }

    /** Every Organizations call made, in order (ListAccounts with target ""). */
    public CallLog calls() {
        return invoker.log();
    }

    /** Faults for Organizations calls: {@code throttle("ListAccounts", n)}, {@code serverError}, {@code deny}. */
    public FaultInjector faults() {
        return invoker.faults();
    }

    /** The most accounts one ListAccounts answer holds (default and most 20); MaxResults can lower it further. */
    public SimulatedOrganizationsClient pageSize(int n) {
        if (n < 1 || n > MAX_RESULTS) {
            throw new IllegalArgumentException("page size must be between 1 and " + MAX_RESULTS + ": " + n);
        }
        pageSize = n;
        return this;
    }

    @Override
    public ListAccountsResponse listAccounts(ListAccountsRequest request) {
        return invoker.call("ListAccounts", "", this::fault, () -> page(request));
    }

    private ListAccountsResponse page(ListAccountsRequest request) {
        Integer maxResults = request.maxResults();
        if (maxResults != null && (maxResults < 1 || maxResults > MAX_RESULTS)) {
            throw invalidInput(maxResults < 1 ? InvalidInputExceptionReason.MIN_VALUE_EXCEEDED
                    : InvalidInputExceptionReason.MAX_VALUE_EXCEEDED, "MaxResults must be between 1 and "
                    + MAX_RESULTS + ".");
        }
        List<Account> accounts = organization.describedAccounts().stream().map(this::toSdk).toList();
        int from = request.nextToken() == null ? 0 : offset(request.nextToken(), accounts.size());
        int limit = Math.min(pageSize, maxResults == null ? pageSize : maxResults);
        int to = Math.min(accounts.size(), from + limit);
        return ListAccountsResponse.builder()
                .accounts(new ArrayList<>(accounts.subList(from, to)))
                .nextToken(to < accounts.size() ? token(to) : null)
                .build();
    }

    private Account toSdk(SimulatedOrganization.Described described) {
        OrganizationMembership m = described.membership();
        return Account.builder()
                .id(described.accountId())
                .arn("arn:aws:organizations::" + organization.home().accountId() + ":account/"
                        + organization.organizationId() + "/" + described.accountId())
                .name(m.name())
                .email(m.email())
                .status(m.status())
                .state(AccountState.fromValue(m.status().toString()))
                .joinedMethod(m.joinedMethod())
                .joinedTimestamp(m.joinedTimestamp())
                .build();
    }

    /** Accounts are not removed in the simulator, so the position of the next account is a faithful token. */
    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token, int size) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (plain.startsWith(TOKEN_PREFIX)) {
                int offset = Integer.parseInt(plain.substring(TOKEN_PREFIX.length()));
                if (offset >= 0 && offset <= size) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException notOurs) {
            // the same answer as for any token Organizations did not hand out
        }
        throw invalidInput(InvalidInputExceptionReason.INVALID_NEXT_TOKEN, "The specified NextToken is not valid.");
    }

    private AwsServiceException fault(Fault fault) {
        return switch (fault) {
            case THROTTLING -> fill(TooManyRequestsException.builder(), "TooManyRequestsException", 400,
                    "AWS Organizations can't complete your request because the service is receiving too many "
                            + "requests. Try again later.");
            case SERVER_ERROR -> fill(ServiceException.builder(), "ServiceException", 500,
                    "AWS Organizations can't complete your request because of an internal service error. Try again "
                            + "later.");
            case SERVICE_CONTROL_POLICY_DENY -> fill(AccessDeniedException.builder(), "AccessDeniedException", 403,
                    "You don't have permissions to access this resource.");
        };
    }

    private static InvalidInputException invalidInput(InvalidInputExceptionReason reason, String message) {
        return (InvalidInputException) fill(InvalidInputException.builder().reason(reason), "InvalidInputException",
                400, message);
    }

    private static AwsServiceException fill(AwsServiceException.Builder builder, String code, int status,
                                            String message) {
        return builder
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("Organizations")
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build())
                        .build())
                .statusCode(status)
                .message(message)
                .build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
