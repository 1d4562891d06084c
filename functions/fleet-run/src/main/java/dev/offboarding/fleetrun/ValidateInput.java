package dev.offboarding.fleetrun;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * VALIDATE's input: the fleet execution's name and start, and the request as the execution was started with it,
 * whatever its shape (VALIDATE judges it: {@link FleetRun#validate}).
 */
@JsonDeserialize(using = JsonDeserializer.None.class)
record ValidateInput(Stage stage, String fleetExecution, Instant startedAt, JsonNode request) implements StageInput {
    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>(Fleet.fleetExecutionProblems("fleetExecution", fleetExecution));
        if (startedAt == null) {
            problems.add("startedAt is required: the fleet execution's start ($$.Execution.StartTime)");
        }
        return problems;
    }
}
