package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * The events of the fleet workflow's approval step, as Step Functions records a Task state with
 * {@code arn:aws:states:::sns:publish.waitForTaskToken}: TaskScheduled (resourceType "sns", resource
 * "publish.waitForTaskToken", its parameters with the task token), TaskStarted, TaskSubmitted, then, once decided,
 * TaskSucceeded (SendTaskSuccess), TaskFailed (SendTaskFailure) or TaskTimedOut.
 */
final class ApprovalEvents {
    static final String RESOURCE_TYPE = "sns";
    static final String RESOURCE = "publish.waitForTaskToken";
    static final String STATE = "AwaitApproval";
    static final String LIMIT_STATE = "Limit";
    static final String REPORT_STATE = "Report";
    static final String REJECTED = "Offboarding.Rejected";

    private ApprovalEvents() {
    }

    /** The approval step was scheduled: it waits for a decision from here on. */
    static boolean scheduled(HistoryEvent event) {
        return event.type() == HistoryEventType.TASK_SCHEDULED && event.taskScheduledEventDetails() != null
                && isApproval(event.taskScheduledEventDetails().resourceType(),
                        event.taskScheduledEventDetails().resource());
    }

    /** The approval step ended: decided (either way), timed out, or could not be published. */
    static boolean ended(HistoryEvent event) {
        return switch (event.type()) {
            case TASK_SUCCEEDED -> event.taskSucceededEventDetails() != null && isApproval(
                    event.taskSucceededEventDetails().resourceType(), event.taskSucceededEventDetails().resource());
            case TASK_FAILED -> event.taskFailedEventDetails() != null && isApproval(
                    event.taskFailedEventDetails().resourceType(), event.taskFailedEventDetails().resource());
            case TASK_TIMED_OUT -> event.taskTimedOutEventDetails() != null && isApproval(
                    event.taskTimedOutEventDetails().resourceType(), event.taskTimedOutEventDetails().resource());
            case TASK_START_FAILED -> event.taskStartFailedEventDetails() != null && isApproval(
                    event.taskStartFailedEventDetails().resourceType(), event.taskStartFailedEventDetails().resource());
            case TASK_SUBMIT_FAILED -> event.taskSubmitFailedEventDetails() != null && isApproval(
                    event.taskSubmitFailedEventDetails().resourceType(),
                    event.taskSubmitFailedEventDetails().resource());
            default -> false;
        };
    }

    /** How an ended approval step ended, for people: who approved or rejected and when, or why it ended otherwise. */
    static String howItEnded(HistoryEvent event) {
        return switch (event.type()) {
            case TASK_SUCCEEDED -> {
                JsonNode decision = Report.output(event.taskSucceededEventDetails().output());
                yield "approved by " + decision.path("by").asText("(unknown)") + " at "
                        + decision.path("at").asText(String.valueOf(event.timestamp()));
            }
            case TASK_FAILED -> {
                String error = event.taskFailedEventDetails().error();
                if (!REJECTED.equals(error)) {
                    yield "the approval step failed (" + error + ") at " + event.timestamp();
                }
                JsonNode cause = Report.output(event.taskFailedEventDetails().cause());
                yield "rejected by " + cause.path("by").asText("(unknown)") + " at "
                        + cause.path("at").asText(String.valueOf(event.timestamp()));
            }
            case TASK_TIMED_OUT -> "no decision came in time: the approval timed out at " + event.timestamp()
                    + ", so the run ends as rejected";
            default -> "the approval request could not be published (" + event.type() + ") at " + event.timestamp();
        };
    }

    /**
     * The task token in an approval TaskScheduled event's parameters (MessageAttributes.TaskToken.StringValue). A
     * bearer credential: whoever holds it decides. Never print it.
     */
    static Optional<String> token(HistoryEvent scheduled) {
        JsonNode parameters = Report.output(scheduled.taskScheduledEventDetails().parameters());
        JsonNode token = parameters.path("MessageAttributes").path("TaskToken").path("StringValue");
        return token.isTextual() && !token.asText().isEmpty() ? Optional.of(token.asText()) : Optional.empty();
    }

    private static boolean isApproval(String resourceType, String resource) {
        return RESOURCE_TYPE.equals(resourceType) && RESOURCE.equals(resource);
    }
}
