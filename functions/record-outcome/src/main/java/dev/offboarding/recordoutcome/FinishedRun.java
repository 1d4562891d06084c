package dev.offboarding.recordoutcome;

import dev.offboarding.decision.Inspection;
import dev.offboarding.json.Validatable;
import dev.offboarding.model.UserInventory;
import dev.offboarding.validation.Executions;
import dev.offboarding.validation.OffboardingRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The workflow's state at its end, whatever the path: the validated request, the first inventory, the latest
 * inspection (with its decision), the log, DeleteUser's last answer and the failure, if a step failed. Any of the
 * last five is null when the execution did not get that far.
 */
public record FinishedRun(OffboardingRequest request, UserInventory inventory, Inspection latest, RunLog log,
                          Deletion deletion, Failure failure, String execution) implements Validatable {
    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (request == null) {
            problems.add("request is required: the validated offboarding request the workflow ran");
        } else {
            problems.addAll(request.problems());
        }
        if (log == null) {
            problems.add("log is required: the workflow's log of rounds, sweeps and DeleteUser calls");
        }
        if (execution == null) {
            problems.add("execution is required: the execution's id ($$.Execution.Id)");
        }
        problems.addAll(Executions.problems("execution", execution));
        if (log != null) {
            problems.addAll(Rounds.problems(log.rounds()));
        }
        if (deletion != null) {
            problems.addAll(deletion.problems());
        }
        if (failure != null) {
            problems.addAll(failure.problems());
        }
        return problems;
    }
}
