package dev.offboarding.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

class ListUsersFiltersByPathPrefixAndPaginatesLikeIamTest {

    private final MutableClock clock = Fixtures.clock();
    private IamSimulator sim;

    @BeforeEach
    void world() throws Exception {
        sim = IamSimulator.fromWorld(new ObjectMapper().readTree("""
                {"users": [
                  {"userName": "zoe", "path": "/contractors/", "tags": [{"key": "team", "value": "payments"}],
                   "permissionsBoundary": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
                  {"userName": "Adam", "path": "/contractors/emea/"},
                  {"userName": "bob"},
                  {"userName": "carol", "path": "/staff/"}],
                 "groups": [{"groupName": "developers"}],
                 "managedPolicies": [{"policyArn": "arn:aws:iam::123456789012:policy/boundary"}]}"""), clock);
    }

    @Test
    void withoutAPrefixEveryUserIsListedInNameOrder() {
        assertEquals(List.of("Adam", "bob", "carol", "zoe"), names(sim.listUsers().users()));
    }

    @Test
    void aPathPrefixKeepsTheUsersWhosePathStartsWithIt() {
        assertEquals(List.of("Adam", "zoe"), names(sim.listUsers(r -> r.pathPrefix("/contractors/")).users()));
        assertEquals(List.of("Adam"), names(sim.listUsers(r -> r.pathPrefix("/contractors/emea")).users()));
        assertEquals(List.of(), sim.listUsers(r -> r.pathPrefix("/nobody/")).users());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> sim.listUsers(r -> r.pathPrefix("contractors/")));
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
    }

    @Test
    void theListingLeavesOutTagsAndBoundariesAsIamDoes() {
        User zoe = sim.listUsers(r -> r.pathPrefix("/contractors/")).users().get(1);
        assertEquals("arn:aws:iam::123456789012:user/contractors/zoe", zoe.arn());
        assertTrue(zoe.tags().isEmpty());
        assertNull(zoe.permissionsBoundary());
        assertEquals(List.of(Tag.builder().key("team").value("payments").build()),
                sim.listUserTags(r -> r.userName("zoe")).tags());
    }

    @Test
    void pagesComeOneAtATimeAndAUserDeletedBetweenPagesSkipsNoOther() {
        sim.pageSize(1);
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            String from = marker;
            ListUsersResponse page = sim.listUsers(r -> r.marker(from));
            seen.addAll(names(page.users()));
            if (seen.equals(List.of("Adam"))) {
                sim.deleteUser(r -> r.userName("Adam"));
            }
            marker = page.isTruncated() ? page.marker() : null;
        } while (marker != null);
        assertEquals(List.of("Adam", "bob", "carol", "zoe"), seen);

        List<String> viaPaginator = new ArrayList<>();
        sim.listUsersPaginator(r -> r.pathPrefix("/")).users().forEach(u -> viaPaginator.add(u.userName()));
        assertEquals(List.of("bob", "carol", "zoe"), viaPaginator, "the SDK's paginator follows the markers");
        assertEquals(1, sim.listUsers(r -> r.maxItems(2)).users().size(), "the smaller of page size and MaxItems");
        assertThrows(InvalidInputException.class, () -> sim.listUsers(r -> r.marker("not-a-marker")));
    }

    @Test
    void listUserTagsPagesTooAndItsPaginatorFollowsTheMarkers() {
        for (int i = 0; i < 4; i++) {
            int n = i;
            sim.tagUser(r -> r.userName("bob").tags(Fixtures.tag("k" + n, "v" + n)));
        }
        sim.pageSize(3);
        ListUserTagsPage first = new ListUserTagsPage(sim.listUserTags(r -> r.userName("bob")));
        assertEquals(3, first.tags);
        assertTrue(first.truncated);
        List<String> keys = new ArrayList<>();
        sim.listUserTagsPaginator(r -> r.userName("bob")).tags().forEach(t -> keys.add(t.key()));
        assertEquals(List.of("k0", "k1", "k2", "k3"), keys);
    }

    @Test
    void theAccountSummaryCountsTheAccountsUsersAgainstIamsQuota() {
        var summary = sim.getAccountSummary().summaryMap();
        assertEquals(4, summary.get(SummaryKeyType.USERS));
        assertEquals(5000, summary.get(SummaryKeyType.USERS_QUOTA));
        assertEquals(1, summary.get(SummaryKeyType.GROUPS));
        assertEquals(1, summary.get(SummaryKeyType.POLICIES), "customer managed policies only");
        assertEquals(0, summary.get(SummaryKeyType.ROLES));
        assertEquals(2, summary.get(SummaryKeyType.ACCESS_KEYS_PER_USER_QUOTA));

        sim.createUser(r -> r.userName("dave"));
        sim.deleteUser(r -> r.userName("bob"));
        sim.deleteUser(r -> r.userName("carol"));
        assertEquals(3, sim.getAccountSummary().summaryMap().get(SummaryKeyType.USERS));
        assertEquals(List.of("GetAccountSummary", "CreateUser", "DeleteUser", "DeleteUser", "GetAccountSummary"),
                sim.calls().all().stream().map(Call::operation).toList());
    }

    private record ListUserTagsPage(int tags, boolean truncated) {
        ListUserTagsPage(software.amazon.awssdk.services.iam.model.ListUserTagsResponse answer) {
            this(answer.tags().size(), answer.isTruncated());
        }
    }

    private static List<String> names(List<User> users) {
        return users.stream().map(User::userName).toList();
    }
}
