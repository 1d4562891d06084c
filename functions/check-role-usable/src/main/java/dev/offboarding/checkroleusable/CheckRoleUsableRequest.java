package dev.offboarding.checkroleusable;

import dev.offboarding.json.Validatable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One check of a role: the caller's {@code request}, plus what the workflow carries from check to check.
 * {@code successes}: consecutive successful checks so far. {@code attempt}: the workflow's retry count of this
 * check ({@code $$.State.RetryCount}); above 0 the previous check failed, so the consecutive count starts again
 * from 0 whatever {@code successes} says (a Retry re-sends the same input). {@code startedAt}: when the workflow
 * started ({@code $$.Execution.StartTime}); with it, the deadline is {@code startedAt + request.deadlineSeconds}.
 * {@code execution}: the workflow's execution id, named in every log line (absent when invoked directly).
 */
public record CheckRoleUsableRequest(WaitForRoleRequest request, Integer successes, Integer attempt, Instant startedAt,
                                     String execution) implements Validatable {

    /** Consecutive successes before this check. */
    public int priorSuccesses() {
        boolean previousCheckFailed = attempt != null && attempt > 0;
        return previousCheckFailed || successes == null ? 0 : successes;
    }

    /** When to stop waiting, or null when no start time was given (a single check). */
    public Instant deadline() {
        return startedAt == null ? null : startedAt.plusSeconds(request.deadline());
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (request == null) {
            problems.add("request is required: the role and its checks, e.g. \"request\": {\"role\": \"deployer\","
                    + " \"checks\": [\"EXISTS\", \"ASSUMABLE\"]}");
        } else {
            request.problems().forEach(p -> problems.add("request." + p));
        }
        if (successes != null && successes < 0) {
            problems.add("successes must be 0 or more; it is " + successes);
        }
        if (attempt != null && attempt < 0) {
            problems.add("attempt must be 0 or more; it is " + attempt);
        }
        return problems;
    }
}
