package dev.offboarding.selectusers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.offboarding.errors.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * select-users reads its input as strictly as the workflow's first step: no selector (every user), a request that
 * was not normalized, or a run that is not the request's is refused before any IAM or S3 call, and nothing is
 * written.
 */
class ARequestWithoutASelectorIsRefusedBeforeAnyCallTest {
    private final SimulatedAccount account = new SimulatedAccount().user("alice");

    @Test
    void aRequestSelectingEveryUserIsRefused() {
        String input = "{\"run\": \"r\", \"fleetExecution\": \"x\", \"accountId\": \"123456789012\", \"request\":"
                + " {\"run\": \"r\", \"dryRun\": false, \"requireApproval\": false, \"maxUsersPerRun\": 25,"
                + " \"maxShareOfAccount\": 10, \"maxConcurrencyPerAccount\": 5, \"approvalTimeoutSeconds\": 86400}}";

        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> account.invoke(input));

        assertEquals(1, refused.problems().size(), refused.problems().toString());
        assertTrue(refused.problems().get(0).startsWith("the request selects no users: give at least one of"
                + " request.users, request.usersFrom, request.pathPrefix, request.tags, request.unusedForDays"),
                refused.problems().get(0));
        assertNothingCalled();
    }

    @Test
    void aRequestThatWasNotNormalizedIsRefused() {
        String input = "{\"run\": \"r\", \"fleetExecution\": \"x\", \"accountId\": \"123456789012\", \"request\":"
                + " {\"run\": \"r\", \"users\": [\"alice\"]}}";

        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> account.invoke(input));

        assertTrue(refused.problems().contains("request.dryRun is missing: the workflow's ValidateFleetRequest step"
                + " fills it in; pass on its output's request"), refused.problems().toString());
        assertNothingCalled();
    }

    @Test
    void aRunThatIsNotTheRequestsIsRefused() {
        String input = SimulatedAccount.input("{\"users\": [\"alice\"]}").replace("\"run\":\"fleet-2026-12-01\",\"f",
                "\"run\":\"another\",\"f");

        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> account.invoke(input));

        assertEquals(List.of("run must be the request's run (\"fleet-2026-12-01\"): pass ValidateFleetRequest's"
                + " output on unchanged"), refused.problems());
        assertNothingCalled();
    }

    @Test
    void anUnknownFieldIsRefused() {
        String input = SimulatedAccount.input("{\"users\": [\"alice\"]}").replace("\"accountId\"",
                "\"everyUser\":true,\"accountId\"");

        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> account.invoke(input));

        assertTrue(refused.getMessage().contains("unknown field \"everyUser\""), refused.getMessage());
        assertNothingCalled();
    }

    private void assertNothingCalled() {
        verifyNoInteractions(account.iam);
        assertEquals(List.of(), account.store.keys(""));
    }
}
