package dev.offboarding.selectusers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import dev.offboarding.errors.SelectionFailedException;
import dev.offboarding.testing.SdkErrors;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;

/**
 * A list or report call that fails after the SDK's retries (throttled) or is denied fails the whole selection,
 * naming the call, the account and IAM's error code: never an empty list of candidates, never every user, and no
 * candidates file.
 */
class ASelectionThatCannotReadTheAccountFailsClosedTest {
    private static final String EVERY_SELECTOR_THAT_CALLS = "{\"pathPrefix\": \"/\", \"tags\": [{\"key\": \"team\","
            + " \"value\": \"payments\"}], \"unusedForDays\": 30}";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "ListUsers, Throttling", "ListUsers, AccessDenied",
            "ListUserTags, Throttling", "ListUserTags, AccessDenied",
            "GetCredentialReport, Throttling", "GetCredentialReport, AccessDenied",
            "GetAccountSummary, Throttling", "GetAccountSummary, AccessDenied",
            "GenerateCredentialReport, Throttling", "GenerateCredentialReport, AccessDenied"})
    void theSelectionFailsNamingTheCall(String call, String code) {
        Instant longAgo = Instant.parse("2026-01-01T00:00:00Z");
        SimulatedAccount account = new SimulatedAccount().user("alice", "/", longAgo).tag("alice", "team", "payments");
        CredentialReportCsv report = new CredentialReportCsv(SimulatedAccount.ACCOUNT).noCredentials("alice", longAgo);
        account.report(Instant.parse("2026-12-01T11:00:00Z"), report);
        RuntimeException answer = code.equals("Throttling") ? SdkErrors.throttling() : SdkErrors.accessDenied(call);
        switch (call) {
            case "ListUsers", "ListUserTags" -> {
                if (code.equals("Throttling")) {
                    account.simulator.faults().throttle(call, 1);
                } else {
                    account.simulator.faults().deny(call);
                }
            }
            case "GetCredentialReport" -> account.reportFails(answer);
            case "GetAccountSummary" -> doThrow(answer).when(account.iam)
                    .getAccountSummary(any(GetAccountSummaryRequest.class));
            default -> {
                account.report(Instant.parse("2026-11-01T00:00:00Z"), report);
                doThrow(answer).when(account.iam).generateCredentialReport(
                        any(software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest.class));
            }
        }

        SelectionFailedException failed = assertThrows(SelectionFailedException.class,
                () -> account.select(EVERY_SELECTOR_THAT_CALLS));

        assertEquals("iam:" + call, failed.call());
        assertEquals(SimulatedAccount.ACCOUNT, failed.accountId());
        assertEquals(code, failed.errorCode());
        assertTrue(failed.getMessage().startsWith("Selecting users in account 123456789012 failed: iam:" + call
                + " answered " + code), failed.getMessage());
        assertTrue(failed.getMessage().contains(code.equals("Throttling") ? "beyond the SDK's retries"
                : "that select-users' role may call iam:" + call), failed.getMessage());
        assertTrue(failed.getMessage().endsWith("Nothing was selected and no candidates were written."));
        if (!call.equals("ListUserTags")) {
            assertFalse(failed.getMessage().contains("UserPath"), "the account's calls are not about one user's path");
        }
        assertEquals(List.of(), account.store.keys(""), "no candidates file, not even an empty one");
    }
}
