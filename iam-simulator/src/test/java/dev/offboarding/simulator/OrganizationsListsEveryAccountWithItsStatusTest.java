package dev.offboarding.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountJoinedMethod;
import software.amazon.awssdk.services.organizations.model.AccountState;
import software.amazon.awssdk.services.organizations.model.AccountStatus;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.InvalidInputExceptionReason;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;
import software.amazon.awssdk.services.organizations.model.TooManyRequestsException;

class OrganizationsListsEveryAccountWithItsStatusTest {

    private final MutableClock clock = Fixtures.clock();
    private SimulatedOrganization org;

    @BeforeEach
    void organization() throws Exception {
        org = SimulatedOrganization.fromWorld(new ObjectMapper().readTree("""
                {"organizationId": "o-exampleorgid",
                 "accounts": [
                   {"accountId": "111111111111",
                    "organizationAccount": {"name": "management", "email": "root@example.com", "joinedMethod": "INVITED",
                                            "joinedTimestamp": "2020-01-01T00:00:00Z"}},
                   {"accountId": "222222222222", "organizationAccount": {"name": "payments"}},
                   {"accountId": "333333333333", "organizationAccount": {"status": "SUSPENDED"}},
                   {"accountId": "444444444444", "organizationAccount": {"status": "PENDING_CLOSURE"}}]}"""), clock);
    }

    @Test
    void everyAccountIsListedWithItsIdArnNameEmailAndStatus() {
        OrganizationsClient organizations = org.organizations();
        List<Account> accounts = organizations.listAccounts(r -> { }).accounts();

        assertEquals(List.of("111111111111", "222222222222", "333333333333", "444444444444"),
                accounts.stream().map(Account::id).toList());
        Account management = accounts.get(0);
        assertEquals("arn:aws:organizations::111111111111:account/o-exampleorgid/111111111111", management.arn());
        assertEquals("management", management.name());
        assertEquals("root@example.com", management.email());
        assertEquals(AccountStatus.ACTIVE, management.status());
        assertEquals(AccountState.ACTIVE, management.state());
        assertEquals(AccountJoinedMethod.INVITED, management.joinedMethod());
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), management.joinedTimestamp());

        assertEquals("payments", accounts.get(1).name());
        assertEquals("aws+222222222222@example.com", accounts.get(1).email());
        assertEquals(AccountJoinedMethod.CREATED, accounts.get(1).joinedMethod());
        assertEquals(AccountStatus.SUSPENDED, accounts.get(2).status());
        assertEquals(AccountState.SUSPENDED, accounts.get(2).state());
        assertEquals(AccountStatus.PENDING_CLOSURE, accounts.get(3).status());
        assertEquals(List.of("111111111111", "222222222222"), accounts.stream()
                .filter(a -> a.status() == AccountStatus.ACTIVE).map(Account::id).toList());
    }

    @Test
    void pagesHoldAtMostMaxResultsAndTheSdksPaginatorFollowsNextToken() {
        ListAccountsResponse first = org.organizations().listAccounts(r -> r.maxResults(3));
        assertEquals(3, first.accounts().size());
        ListAccountsResponse rest = org.organizations().listAccounts(r -> r.nextToken(first.nextToken()));
        assertEquals(List.of("444444444444"), rest.accounts().stream().map(Account::id).toList());
        assertNull(rest.nextToken());

        org.organizations().pageSize(1);
        List<String> ids = new ArrayList<>();
        org.organizations().listAccountsPaginator(r -> { })
                .forEach(page -> page.accounts().forEach(a -> ids.add(a.id())));
        assertEquals(List.of("111111111111", "222222222222", "333333333333", "444444444444"), ids);
        assertEquals(2 + 4, org.organizations().calls().count("ListAccounts"), "one call per page");
    }

    @Test
    void aBadTokenOrMaxResultsIsInvalidInput() {
        InvalidInputException token = assertThrows(InvalidInputException.class,
                () -> org.organizations().listAccounts(r -> r.nextToken("made-up")));
        assertEquals(InvalidInputExceptionReason.INVALID_NEXT_TOKEN, token.reason());
        assertEquals("InvalidInputException", token.awsErrorDetails().errorCode());
        InvalidInputException tooMany = assertThrows(InvalidInputException.class,
                () -> org.organizations().listAccounts(r -> r.maxResults(21)));
        assertEquals(InvalidInputExceptionReason.MAX_VALUE_EXCEEDED, tooMany.reason());
    }

    @Test
    void throttlingIsTooManyRequestsWhichTheSdkRetries() {
        org.organizations().faults().throttle("ListAccounts", 1);
        TooManyRequestsException e = assertThrows(TooManyRequestsException.class,
                () -> org.organizations().listAccounts(r -> { }));
        assertTrue(e.isThrottlingException());
        assertEquals(4, org.organizations().listAccounts(r -> { }).accounts().size());
        assertEquals(List.of("TooManyRequestsException", "OK"),
                org.organizations().calls().all().stream().map(Call::outcome).toList());
    }

    @Test
    void anAccountsDescriptionCanBeChangedFromCode() {
        org.describeAccount("222222222222", "payments", "payments@example.com", AccountStatus.SUSPENDED);
        Account payments = org.organizations().listAccounts(r -> { }).accounts().get(1);
        assertEquals(AccountStatus.SUSPENDED, payments.status());
        assertEquals("payments@example.com", payments.email());
        assertEquals("o-exampleorgid", org.organizationId());
    }

    @Test
    void anOrganizationBuiltInCodeHasAnIdDerivedFromItsHomeAccount() {
        SimulatedOrganization built = new SimulatedOrganization(new IamSimulator(clock));
        assertTrue(built.organizationId().matches("o-[a-z0-9]{10,32}"), built.organizationId());
        assertEquals(List.of("123456789012"),
                built.organizations().listAccounts(r -> { }).accounts().stream().map(Account::id).toList());
    }
}
