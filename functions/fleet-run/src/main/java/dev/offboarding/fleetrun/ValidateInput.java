package dev.offboarding.fleetrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Validatable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** VALIDATE's input: the fleet execution's name and start, and the request as the execution was started with it. */
record ValidateInput(Stage stage, String fleetExecution, Instant startedAt, JsonNode request) implements Validatable {
    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>(Fleet.fleetExecutionProblems("fleetExecution", fleetExecution));
        if (startedAt == null) {
            problems.add("startedAt is required: the fleet execution's start ($$.Execution.StartTime)");
        }
        if (request == null || !request.isObject()) {
            problems.add("request must be the fleet request, a JSON object such as {\"users\": [\"alice\"]}");
        }
        return problems;
    }
}
