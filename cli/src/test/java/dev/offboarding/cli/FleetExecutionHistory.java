package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sfn.model.ExecutionStartedEventDetails;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StateEnteredEventDetails;
import software.amazon.awssdk.services.sfn.model.StateExitedEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskFailedEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskScheduledEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskStartedEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskSubmittedEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskSucceededEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutEventDetails;

/**
 * The history of an OffboardFleet execution as GetExecutionHistory returns it: events numbered from 1, each naming
 * the one before (previousEventId); a Task state as TaskStateEntered, TaskScheduled (resourceType, resource, region,
 * parameters, timeoutInSeconds), TaskStarted, TaskSucceeded (or TaskSubmitted and, once called back, TaskSucceeded /
 * TaskFailed / TaskTimedOut) and TaskStateExited; pages of at most maxResults events (and at most {@code pageSize}),
 * oldest first or, with reverseOrder, newest first, with a nextToken while more remain.
 */
final class FleetExecutionHistory {
    static final String REGION = "eu-west-1";
    static final String MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:OffboardFleet";
    static final String FUNCTION = "arn:aws:lambda:eu-west-1:123456789012:function:iam-offboarding-FleetRunFunction";
    static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:iam-offboarding-ApprovalTopic";
    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    static final long APPROVAL_TIMEOUT = 86_400;

    private final List<HistoryEvent> events = new ArrayList<>();
    private final int pageSize;
    final List<GetExecutionHistoryRequest> requests = new ArrayList<>();

    FleetExecutionHistory(int pageSize) {
        this.pageSize = pageSize;
    }

    static String executionArn(String name) {
        return StartCommand.executionArn(MACHINE, name);
    }

    /** Serves one page as Step Functions does. */
    GetExecutionHistoryResponse page(GetExecutionHistoryRequest request) {
        requests.add(request);
        List<HistoryEvent> ordered = new ArrayList<>(events);
        if (Boolean.TRUE.equals(request.reverseOrder())) {
            java.util.Collections.reverse(ordered);
        }
        int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken().substring("page-".length()));
        int size = Math.min(pageSize, request.maxResults() == null || request.maxResults() == 0 ? 100
                : request.maxResults());
        int to = Math.min(ordered.size(), from + size);
        return GetExecutionHistoryResponse.builder().events(ordered.subList(from, to))
                .nextToken(to < ordered.size() ? "page-" + to : null).build();
    }

    // ---- a fleet execution, state by state ------------------------------------------------------------------

    /** ValidateFleetRequest .. Limit: the request validated, users selected, planned and within the limits. */
    FleetExecutionHistory plannedUpToLimit(String name, JsonNode request, JsonNode limitPhase) {
        add(HistoryEventType.EXECUTION_STARTED, b -> b.executionStartedEventDetails(ExecutionStartedEventDetails
                .builder().input(request.toString()).roleArn("arn:aws:iam::123456789012:role/fleet-role").build()));
        ObjectNode fleet = fleet(name, request);
        ObjectNode state = Json.mapper().createObjectNode();
        state.set("fleet", fleet);
        state.putNull("phase");
        state.putNull("approval");
        state.putNull("caught");
        lambdaTask("ValidateFleetRequest", request, fleet, state);
        mapState("SelectUsers", state);
        ObjectNode items = Json.mapper().createObjectNode().put("phase", "PLAN").put("candidates", 3).put("accounts", 1);
        items.putObject("accountsItems").put("Bucket", "records").put("Key", "fleet/x/plan/accounts.json");
        ObjectNode planned = state.deepCopy();
        planned.set("phase", items);
        lambdaTask("PlanItems", Json.mapper().createObjectNode().put("stage", "ITEMS"), items, planned);
        choice("AnyCandidates", planned);
        mapState("RunChildren", planned);
        choice("WhichPhase", planned);
        ObjectNode limited = planned.deepCopy();
        limited.set("phase", limitPhase);
        lambdaTask("Limit", Json.mapper().createObjectNode().put("stage", "LIMIT"), limitPhase, limited);
        choice("WhatNext", limited);
        return this;
    }

    /** AnnouncePlan, then AwaitApproval: the SNS message published with the task token, waiting. */
    FleetExecutionHistory awaitingApproval(String token) {
        add(HistoryEventType.TASK_STATE_ENTERED, b -> b.stateEnteredEventDetails(
                StateEnteredEventDetails.builder().name("AnnouncePlan").input("{}").build()));
        task("events", "putEvents", "{\"Entries\":[{\"DetailType\":\"Fleet Offboarding Awaiting Approval\"}]}", null,
                "{\"Entries\":[{\"EventId\":\"e-1\"}],\"FailedEntryCount\":0}");
        add(HistoryEventType.TASK_STATE_EXITED, b -> b.stateExitedEventDetails(StateExitedEventDetails.builder()
                .name("AnnouncePlan").output("{}").build()));
        add(HistoryEventType.TASK_STATE_ENTERED, b -> b.stateEnteredEventDetails(StateEnteredEventDetails.builder()
                .name("AwaitApproval").input("{}").build()));
        ObjectNode parameters = Json.mapper().createObjectNode().put("TopicArn", TOPIC)
                .put("Subject", "Fleet run awaiting approval").put("Message", "Approve: offboard approve ...");
        parameters.putObject("MessageAttributes").putObject("TaskToken").put("DataType", "String")
                .put("StringValue", token);
        add(HistoryEventType.TASK_SCHEDULED, b -> b.taskScheduledEventDetails(TaskScheduledEventDetails.builder()
                .resourceType("sns").resource("publish.waitForTaskToken").region(REGION)
                .parameters(parameters.toString()).timeoutInSeconds(APPROVAL_TIMEOUT).build()));
        add(HistoryEventType.TASK_STARTED, b -> b.taskStartedEventDetails(TaskStartedEventDetails.builder()
                .resourceType("sns").resource("publish.waitForTaskToken").build()));
        add(HistoryEventType.TASK_SUBMITTED, b -> b.taskSubmittedEventDetails(TaskSubmittedEventDetails.builder()
                .resourceType("sns").resource("publish.waitForTaskToken")
                .output("{\"MessageId\":\"5e1c0a52-0000-0000-0000-000000000001\",\"SdkHttpMetadata\":"
                        + "{\"HttpStatusCode\":200}}").build()));
        return this;
    }

    /** The SNS publish failed and AwaitApproval's Retry published again: a new task, with a new token. */
    FleetExecutionHistory approvalRetried(String token) {
        add(HistoryEventType.TASK_FAILED, b -> b.taskFailedEventDetails(TaskFailedEventDetails.builder()
                .resourceType("sns").resource("publish.waitForTaskToken").error("SNS.SnsException")
                .cause("Service Unavailable").build()));
        ObjectNode parameters = Json.mapper().createObjectNode().put("TopicArn", TOPIC);
        parameters.putObject("MessageAttributes").putObject("TaskToken").put("DataType", "String")
                .put("StringValue", token);
        add(HistoryEventType.TASK_SCHEDULED, b -> b.taskScheduledEventDetails(TaskScheduledEventDetails.builder()
                .resourceType("sns").resource("publish.waitForTaskToken").region(REGION)
                .parameters(parameters.toString()).timeoutInSeconds(APPROVAL_TIMEOUT).build()));
        add(HistoryEventType.TASK_STARTED, b -> b.taskStartedEventDetails(TaskStartedEventDetails.builder()
                .resourceType("sns").resource("publish.waitForTaskToken").build()));
        add(HistoryEventType.TASK_SUBMITTED, b -> b.taskSubmittedEventDetails(TaskSubmittedEventDetails.builder()
                .resourceType("sns").resource("publish.waitForTaskToken").output("{\"MessageId\":\"m-2\"}").build()));
        return this;
    }

    /** offboard approve came: SendTaskSuccess with this output. */
    FleetExecutionHistory approved(String output) {
        add(HistoryEventType.TASK_SUCCEEDED, b -> b.taskSucceededEventDetails(TaskSucceededEventDetails.builder()
                .resourceType("sns").resource("publish.waitForTaskToken").output(output).build()));
        add(HistoryEventType.TASK_STATE_EXITED, b -> b.stateExitedEventDetails(StateExitedEventDetails.builder()
                .name("AwaitApproval").output("{}").build()));
        return this;
    }

    /** Approved: OffboardPhase, and RunChildren runs the offboard phase's children. */
    FleetExecutionHistory offboarding() {
        add(HistoryEventType.PASS_STATE_ENTERED, b -> b.stateEnteredEventDetails(StateEnteredEventDetails.builder()
                .name("OffboardPhase").input("{}").build()));
        add(HistoryEventType.PASS_STATE_EXITED, b -> b.stateExitedEventDetails(StateExitedEventDetails.builder()
                .name("OffboardPhase").output("{}").build()));
        mapState("RunChildren", Json.mapper().createObjectNode());
        return this;
    }

    /** offboard reject came: SendTaskFailure with Offboarding.Rejected. */
    FleetExecutionHistory rejected(String cause) {
        add(HistoryEventType.TASK_FAILED, b -> b.taskFailedEventDetails(TaskFailedEventDetails.builder()
                .resourceType("sns").resource("publish.waitForTaskToken").error("Offboarding.Rejected").cause(cause)
                .build()));
        return this;
    }

    /** No decision within TimeoutSecondsPath. */
    FleetExecutionHistory approvalTimedOut() {
        add(HistoryEventType.TASK_TIMED_OUT, b -> b.taskTimedOutEventDetails(TaskTimedOutEventDetails.builder()
                .resourceType("sns").resource("publish.waitForTaskToken").error("States.Timeout").build()));
        return this;
    }

    /** Report (the REPORT stage's answer with the fleet report), then AnnounceReport. */
    FleetExecutionHistory reported(JsonNode fleetReport, boolean failed, String error, String cause) {
        ObjectNode answer = Json.mapper().createObjectNode().put("failed", failed).put("error", error)
                .put("cause", cause);
        answer.set("report", fleetReport);
        ObjectNode state = Json.mapper().createObjectNode();
        state.set("report", answer);
        lambdaTask("Report", Json.mapper().createObjectNode().put("stage", "REPORT"), answer, state);
        add(HistoryEventType.TASK_STATE_ENTERED, b -> b.stateEnteredEventDetails(
                StateEnteredEventDetails.builder().name("AnnounceReport").input(state.toString()).build()));
        task("events", "putEvents", "{}", null, "{\"FailedEntryCount\":0}");
        add(HistoryEventType.TASK_STATE_EXITED, b -> b.stateExitedEventDetails(StateExitedEventDetails.builder()
                .name("AnnounceReport").output(state.toString()).build()));
        return this;
    }

    /** The fleet execution's name, its VALIDATE output. */
    static ObjectNode fleet(String name, JsonNode request) {
        ObjectNode fleet = Json.mapper().createObjectNode().put("run", request.path("run").asText(name))
                .put("fleetExecution", name).put("startedAt", T0.toString());
        fleet.set("request", request);
        fleet.putArray("accounts").add("111111111111");
        return fleet;
    }

    // ---- events ---------------------------------------------------------------------------------------------

    private void lambdaTask(String state, JsonNode payload, JsonNode answer, JsonNode stateOutput) {
        add(HistoryEventType.TASK_STATE_ENTERED, b -> b.stateEnteredEventDetails(StateEnteredEventDetails.builder()
                .name(state).input("{}").build()));
        ObjectNode parameters = Json.mapper().createObjectNode().put("FunctionName", FUNCTION);
        parameters.set("Payload", payload);
        ObjectNode invoked = Json.mapper().createObjectNode().put("ExecutedVersion", "$LATEST").put("StatusCode", 200);
        invoked.set("Payload", answer);
        task("lambda", "invoke", parameters.toString(), 900L, invoked.toString());
        add(HistoryEventType.TASK_STATE_EXITED, b -> b.stateExitedEventDetails(StateExitedEventDetails.builder()
                .name(state).output(stateOutput.toString()).build()));
    }

    private void task(String resourceType, String resource, String parameters, Long timeout, String output) {
        add(HistoryEventType.TASK_SCHEDULED, b -> b.taskScheduledEventDetails(TaskScheduledEventDetails.builder()
                .resourceType(resourceType).resource(resource).region(REGION).parameters(parameters)
                .timeoutInSeconds(timeout).build()));
        add(HistoryEventType.TASK_STARTED, b -> b.taskStartedEventDetails(TaskStartedEventDetails.builder()
                .resourceType(resourceType).resource(resource).build()));
        add(HistoryEventType.TASK_SUCCEEDED, b -> b.taskSucceededEventDetails(TaskSucceededEventDetails.builder()
                .resourceType(resourceType).resource(resource).output(output).build()));
    }

    private void mapState(String state, JsonNode output) {
        add(HistoryEventType.MAP_STATE_ENTERED, b -> b.stateEnteredEventDetails(StateEnteredEventDetails.builder()
                .name(state).input(output.toString()).build()));
        add(HistoryEventType.MAP_STATE_STARTED, b -> { });
        add(HistoryEventType.MAP_STATE_SUCCEEDED, b -> { });
        add(HistoryEventType.MAP_STATE_EXITED, b -> b.stateExitedEventDetails(StateExitedEventDetails.builder()
                .name(state).output(output.toString()).build()));
    }

    private void choice(String state, JsonNode data) {
        add(HistoryEventType.CHOICE_STATE_ENTERED, b -> b.stateEnteredEventDetails(StateEnteredEventDetails.builder()
                .name(state).input(data.toString()).build()));
        add(HistoryEventType.CHOICE_STATE_EXITED, b -> b.stateExitedEventDetails(StateExitedEventDetails.builder()
                .name(state).output(data.toString()).build()));
    }

    private HistoryEvent add(HistoryEventType type, java.util.function.Consumer<HistoryEvent.Builder> details) {
        long id = events.size() + 1;
        HistoryEvent.Builder builder = HistoryEvent.builder().id(id).previousEventId(id - 1).type(type)
                .timestamp(T0.plusSeconds(id));
        details.accept(builder);
        HistoryEvent event = builder.build();
        events.add(event);
        return event;
    }
}
