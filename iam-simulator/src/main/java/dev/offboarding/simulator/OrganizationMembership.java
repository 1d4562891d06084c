package dev.offboarding.simulator;

import java.time.Instant;

import software.amazon.awssdk.services.organizations.model.AccountJoinedMethod;
import software.amazon.awssdk.services.organizations.model.AccountStatus;

/** How AWS Organizations describes one account of the organization (ListAccounts). */
record OrganizationMembership(String name, String email, AccountStatus status, AccountJoinedMethod joinedMethod,
                              Instant joinedTimestamp) {

    /** An account nobody described: active, named after its id. */
    static OrganizationMembership defaultFor(Account account) {
        return new OrganizationMembership("account-" + account.accountId, "aws+" + account.accountId + "@example.com",
                AccountStatus.ACTIVE, AccountJoinedMethod.CREATED, account.createdAt);
    }
}
