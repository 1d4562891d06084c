package dev.offboarding.reinstateuser;

import dev.offboarding.json.Validatable;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.validation.Executions;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.UserNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A request to undo the lock-out of a quarantined user. Only {@code userName} is required. {@code dryRun} is true
 * unless it says false: a reinstate only reads and reports unless asked to act. {@code accountId} may name only the
 * account the stack runs in. {@code execution} and {@code startedAt} are set by the ReinstateUser workflow
 * ({@code $$.Execution.Id}, {@code $$.Execution.StartTime}): they name this run's own record, so that a retried
 * invocation rewrites the same one.
 */
public record ReinstateUserRequest(String userName, String accountId, Boolean dryRun, String reason,
                                   String requestedBy, String execution, Instant startedAt) implements Validatable {

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public static ReinstateUserRequest forUser(String userName, boolean dryRun) {
        return new ReinstateUserRequest(userName, null, dryRun, null, null, null, null);
    }

    /** True unless the request says {@code "dryRun": false}. */
    public boolean isDryRun() {
        return dryRun == null || dryRun;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>(UserNames.problems("userName", userName));
        OffboardingRequest.accountIdProblem("accountId", accountId).ifPresent(problems::add);
        OffboardingRequest.textProblem("reason", reason).ifPresent(problems::add);
        OffboardingRequest.textProblem("requestedBy", requestedBy).ifPresent(problems::add);
        problems.addAll(Executions.problems("execution", execution));
        if (startedAt != null && execution == null) {
            problems.add("startedAt is set by the ReinstateUser workflow together with execution; leave it out");
        }
        if (problems.isEmpty() && !RecordKeys.isSegment(userName)) {
            problems.add("userName " + userName + " cannot name a record (no \"..\"): offboard or reinstate it by"
                    + " hand");
        }
        if (problems.isEmpty() && execution != null && !RecordKeys.isSegment(Executions.nameOf(execution))) {
            problems.add("execution must end in a name of at most 80 letters, digits or + = , . @ : _ - (no \"..\");"
                    + " it is set by the ReinstateUser workflow: leave it out");
        }
        if (startedAt != null && (startedAt.isBefore(EARLIEST) || startedAt.isAfter(LATEST))) {
            problems.add("startedAt must be a time from 2000 to 9999; it is set by the ReinstateUser workflow: leave"
                    + " it out");
        }
        return problems;
    }
}
