package dev.offboarding.deleteuser;

import dev.offboarding.json.Validatable;
import dev.offboarding.validation.Executions;
import dev.offboarding.validation.MemberAccount;
import dev.offboarding.validation.UserNames;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code {"userName": "little_tester", "attempt": 0, "lastAttempt": 50}}. {@code attempt} is optional: the workflow
 * passes its retry count ({@code $$.State.RetryCount}) so that the audit record and the log show which attempt
 * succeeded. {@code lastAttempt} (optional): from that attempt on a DeleteConflict is answered as STILL_CONFLICTING
 * instead of raised, so the workflow learns how many calls it made; absent, every DeleteConflict is raised.
 * {@code execution} (optional) is set by the workflow so that the log names it. {@code memberAccount} (optional):
 * delete the user in that account, through its offboarding role; absent: in the functions' own account.
 */
public record DeleteUserRequest(String userName, Integer attempt, Integer lastAttempt, String execution,
                                MemberAccount memberAccount)
        implements Validatable {
    /** Step Functions allows at most 99999999 retries; a workflow that counts this far is misconfigured. */
    static final int MAX_LAST_ATTEMPT = 1000;

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>(UserNames.problems("userName", userName));
        if (attempt != null && attempt < 0) {
            problems.add("attempt must be 0 or more (the number of earlier attempts); it is " + attempt);
        }
        if (lastAttempt != null && (lastAttempt < 0 || lastAttempt > MAX_LAST_ATTEMPT)) {
            problems.add("lastAttempt must be from 0 to " + MAX_LAST_ATTEMPT + " (the workflow's retry budget); it is "
                    + lastAttempt);
        }
        problems.addAll(Executions.problems("execution", execution));
        if (memberAccount != null) {
            problems.addAll(memberAccount.problems("memberAccount"));
        }
        return problems;
    }

    public int attemptNumber() {
        return attempt == null ? 0 : attempt;
    }

    /** Whether this is the workflow's last attempt, which answers a DeleteConflict rather than raising it. */
    public boolean isLastAttempt() {
        return lastAttempt != null && attemptNumber() >= lastAttempt;
    }
}
