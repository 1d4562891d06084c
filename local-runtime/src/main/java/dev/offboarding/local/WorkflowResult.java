package dev.offboarding.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** How a local execution ended, and everything it went through. */
public record WorkflowResult(boolean succeeded, JsonNode output, String error, String cause, List<WorkflowEvent> events) {

    /** The states the started execution entered, in order (its child executions' states left out). */
    public List<String> path() {
        return events.stream().filter(e -> e.ofStartedExecution() && "StateEntered".equals(e.type()))
                .map(WorkflowEvent::state).toList();
    }

    /** The retries of one state of the started execution, in order. */
    public List<WorkflowEvent> retriesOf(String state) {
        return events.stream().filter(e -> e.ofStartedExecution() && "StateRetried".equals(e.type())
                && state.equals(e.state())).toList();
    }
}
