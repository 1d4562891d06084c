package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.simulator.MutableClock;
import dev.offboarding.simulator.SimulatedOrganization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The functions acting in another account of an organization, through its offboarding role. */
class MemberAccountTest {
    private static final String MEMBER = "{\"accountId\": \"210987654321\", \"sessionName\": \"exec-42\"}";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
    private final SimulatedOrganization org;
    private final LocalFunctions functions;

    MemberAccountTest() throws Exception {
        org = SimulatedOrganization.fromWorld(new ObjectMapper().readTree("""
                {"accounts": [
                  {"accountId": "123456789012", "caller": {"arn": "arn:aws:sts::123456789012:assumed-role/fns/x"},
                   "users": [{"userName": "bob"}]},
                  {"accountId": "210987654321", "users": [{"userName": "bob", "accessKeys": [{}]}],
                   "roles": [{"roleName": "offboarding", "usableAfterSeconds": 30,
                              "assumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                "Principal": {"AWS": "arn:aws:iam::123456789012:role/fns"}}]}}]}]}"""), clock);
        functions = new LocalFunctions(org, "offboarding", clock, GuardSettings.defaults(), clock::advance);
    }

    @Test
    void beforeTheRoleIsUsableAnIamCallThereIsAccessDeniedNamingAssumeRoleAndNothingChanges() {
        Invocation result = functions.invoke(LocalFunctions.DELETE_USER,
                "{\"userName\": \"bob\", \"memberAccount\": " + MEMBER + "}");
        assertEquals("dev.offboarding.errors.IamAccessDeniedException", result.errorType());
        assertTrue(result.errorMessage().contains("sts:AssumeRole into the offboarding role (STS said AccessDenied"),
                result.errorMessage());
        assertTrue(org.account("210987654321").userExists("bob"));
    }

    @Test
    void onceUsableTheFunctionsActInThatAccountOnlyAndNoSecretLeaves() throws Exception {
        List<String> texts = new ArrayList<>();
        Invocation check = functions.invoke(LocalFunctions.CHECK_ROLE_USABLE, "{\"request\": {\"role\": \"offboarding\","
                + " \"accountId\": \"210987654321\", \"checks\": [\"ASSUMABLE\"], \"sessionName\": \"exec-42\"}}");
        assertEquals("dev.offboarding.errors.RoleNotYetUsableException", check.errorType());
        texts.add(check.errorMessage());
        clock.advance(Duration.ofSeconds(30));
        Invocation inventory = functions.invoke(LocalFunctions.LIST_TOKENS,
                "{\"userName\": \"bob\", \"accountId\": \"210987654321\", \"memberAccount\": " + MEMBER + "}");
        texts.add(inventory.payload());
        String removal = "{\"inventory\": " + Scenario.inventory(inventory) + ", \"mode\": \"REMOVE\", \"dryRun\": false,"
                + " \"memberAccount\": " + MEMBER + "}";
        texts.add(functions.invoke(LocalFunctions.REMOVE_TOKENS, removal).payload());
        texts.add(functions.invoke(LocalFunctions.DELETE_USER,
                "{\"userName\": \"bob\", \"memberAccount\": " + MEMBER + "}").payload());

        assertFalse(org.account("210987654321").userExists("bob"));
        assertTrue(org.home().userExists("bob"));
        texts.addAll(functions.logLines());
        org.accounts().forEach(a -> a.calls().all().forEach(c -> texts.add(c.toString())));
        for (String text : texts) {
            assertFalse(text.contains("simulated-secret") || text.contains("simulated-session-token"), text);
        }
        assertEquals(1, org.home().calls().all().stream()
                .filter(c -> c.operation().equals("AssumeRole") && c.outcome().equals("OK")
                        && c.target().endsWith("/exec-42") && c.at().isAfter(clock.instant().minusSeconds(1)))
                .count(), "one session, kept for the execution's later calls");
    }

    @Test
    void aMemberAccountThatDoesNotMatchTheRequestsAccountIdIsRefused() {
        Invocation result = functions.invoke(LocalFunctions.LIST_TOKENS,
                "{\"userName\": \"bob\", \"memberAccount\": " + MEMBER + "}");
        assertEquals("dev.offboarding.errors.InvalidRequestException", result.errorType());
        assertTrue(result.errorMessage().contains("memberAccount.accountId must be the request's accountId"));
    }
}
