package dev.offboarding.recordoutcome;

import dev.offboarding.decision.Inspection;
import dev.offboarding.json.Validatable;
import dev.offboarding.model.UserInventory;
import dev.offboarding.validation.Executions;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.Recovery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The workflow's state at one of the stages it records ({@link Stage}): the validated request, the first inventory,
 * the latest inspection (with its decision), the log, DeleteUser's last answer and the failure, if a step failed
 * (any of these five is null when the execution did not get that far), the execution and its start time, and what an
 * earlier run left unfinished ({@code recovery}, null when nothing).
 */
public record RunState(Stage stage, OffboardingRequest request, UserInventory inventory, Inspection latest,
                       RunLog log, Deletion deletion, Failure failure, String execution, Instant startedAt,
                       Recovery recovery) implements Validatable {
    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (stage == null) {
            problems.add("stage is required: which moment of the run to record (" + Arrays.toString(Stage.values())
                    + ")");
        }
        if (startedAt == null) {
            problems.add("startedAt is required: the execution's start time ($$.Execution.StartTime)");
        }
        if (recovery != null) {
            problems.addAll(recovery.problems("recovery"));
        }
        if ((stage == Stage.BEFORE_REMOVAL || stage == Stage.BEFORE_DELETE) && latest == null) {
            problems.add("latest is required at " + stage + ": the inspection the run is about to act on");
        }
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

    /** This state with {@code request} and {@code recovery} in place of its own. */
    RunState with(OffboardingRequest request, Recovery recovery) {
        return new RunState(stage, request, inventory, latest, log, deletion, failure, execution, startedAt, recovery);
    }
}
