package dev.offboarding.validaterequest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Validatable;
import dev.offboarding.validation.Executions;
import java.util.ArrayList;
import java.util.List;

/**
 * What the workflow's first state passes: the execution's input exactly as it was started with
 * ({@code $$.Execution.Input}, whatever its shape), and the execution's name and ARN.
 */
public record WorkflowEntry(JsonNode request, String executionName, String execution) implements Validatable {

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (executionName == null || executionName.isBlank()) {
            problems.add("executionName is required: the workflow passes $$.Execution.Name");
        }
        if (execution == null) {
            problems.add("execution is required: the workflow passes $$.Execution.Id");
        }
        problems.addAll(Executions.problems("execution", execution));
        return problems;
    }
}
