package dev.offboarding.deleteuser;

import dev.offboarding.json.Validatable;
import dev.offboarding.validation.Executions;
import dev.offboarding.validation.MemberAccount;
import dev.offboarding.validation.UserNames;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code {"userName": "little_tester", "attempt": 0}}. {@code attempt} is optional: the workflow passes its retry
 * count ({@code $$.State.RetryCount}) so that the audit record and the log show which attempt succeeded.
 * {@code execution} (optional) is set by the workflow so that the log names it. {@code memberAccount} (optional):
 * delete the user in that account, through its offboarding role; absent: in the functions' own account.
 */
public record DeleteUserRequest(String userName, Integer attempt, String execution, MemberAccount memberAccount)
        implements Validatable {
    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>(UserNames.problems("userName", userName));
        if (attempt != null && attempt < 0) {
            problems.add("attempt must be 0 or more (the number of earlier attempts); it is " + attempt);
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
}
