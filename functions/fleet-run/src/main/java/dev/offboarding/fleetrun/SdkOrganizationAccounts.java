package dev.offboarding.fleetrun;

import dev.offboarding.errors.SelectionFailedException;
import dev.offboarding.fleet.FleetRequest;
import dev.offboarding.iam.IamClients;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClientBuilder;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountState;
import software.amazon.awssdk.services.organizations.model.AccountStatus;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;

/**
 * Organizations ListAccounts, every page, through a client of the standard SDK configuration (region, credentials and
 * endpoint from the environment; url-connection-client), built on first use. An account counts when its
 * {@code State} is ACTIVE ({@code Status}, which Organizations is replacing by State, when State is absent).
 */
final class SdkOrganizationAccounts implements OrganizationAccounts {
    /** ListAccounts gives at most 20 accounts a page. */
    static final int PAGE_SIZE = 20;
    /** An organization of this many pages of (mostly closed) accounts is never read to the end. */
    static final int MAX_PAGES = 5_000 / PAGE_SIZE;

    private final Supplier<OrganizationsClient> organizations;
    private volatile OrganizationsClient client;

    SdkOrganizationAccounts(Supplier<OrganizationsClient> organizations) {
        this.organizations = organizations;
    }

    static SdkOrganizationAccounts fromEnvironment() {
        return new SdkOrganizationAccounts(() -> builder(System.getenv()).build());
    }

    static OrganizationsClientBuilder builder(Map<String, String> env) {
        return OrganizationsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(IamClients.credentialsFor(env));
    }

    @Override
    public List<String> activeAccounts() {
        List<String> active = new ArrayList<>();
        try {
            Iterator<ListAccountsResponse> pages = client().listAccountsPaginator(r -> r.maxResults(PAGE_SIZE))
                    .iterator();
            for (int read = 0; pages.hasNext() && active.size() <= FleetRequest.MAX_ACCOUNTS; read++) {
                if (read == MAX_PAGES) {
                    throw new SelectionFailedException("organizations:ListAccounts has more than " + MAX_PAGES
                            + " pages of " + PAGE_SIZE + " accounts, of which " + active.size() + " are ACTIVE: list"
                            + " the accounts to select in in \"accounts\" instead");
                }
                for (Account account : pages.next().accounts()) {
                    if (isActive(account)) {
                        active.add(account.id());
                    }
                }
            }
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "unknown" : e.awsErrorDetails().errorCode();
            throw new SelectionFailedException("organizations:ListAccounts failed with " + code + " ("
                    + e.statusCode() + "): " + (e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage()) + ". The fleet's \"organization\": true needs the stack's"
                    + " account to be the organization's management or a delegated administrator account, and"
                    + " FleetRunFunction's role to be allowed organizations:ListAccounts", e);
        } catch (SdkException e) {
            throw new SelectionFailedException("organizations:ListAccounts could not be called: " + e.getMessage(), e);
        }
        return active;
    }

    private static boolean isActive(Account account) {
        if (account.stateAsString() != null) {
            return AccountState.ACTIVE.toString().equals(account.stateAsString());
        }
        return AccountStatus.ACTIVE.toString().equals(account.statusAsString());
    }

    private OrganizationsClient client() {
        OrganizationsClient made = client;
        if (made == null) {
            synchronized (this) {
                if (client == null) {
                    client = organizations.get();
                }
                made = client;
            }
        }
        return made;
    }
}
