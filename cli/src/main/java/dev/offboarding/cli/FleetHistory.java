package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** What a fleet execution's history says about its approval, read newest first, a bounded number of pages. */
final class FleetHistory {
    /** 25 pages of 1000 events: far more than a fleet execution has (its children's events are not in it). */
    static final int MAX_PAGES = 25;

    private FleetHistory() {
    }

    /**
     * The approval the execution waits for: the token of the newest approval step, when no decision, time-out or
     * failure came after it, and the plan's summary (state Limit's output) before it.
     */
    record PendingApproval(String token, Instant waitingSince, Long timeoutSeconds, JsonNode limitOutput) {
        /** The plan's part of Limit's output (the LIMIT stage's answer), or a missing node. */
        JsonNode plan() {
            return limitOutput == null ? Report.output(null) : limitOutput.path("phase");
        }

        /** Never the token. */
        @Override
        public String toString() {
            return "PendingApproval[waitingSince=" + waitingSince + ", timeoutSeconds=" + timeoutSeconds + "]";
        }
    }

    static PendingApproval pendingApproval(SfnClient sfn, String executionArn) {
        HistoryEvent end = null;
        HistoryEvent scheduled = null;
        String token = null;
        boolean stateChecked = false;
        String next = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String pageToken = next;
            GetExecutionHistoryResponse history = sfn.getExecutionHistory(r -> r.executionArn(executionArn)
                    .reverseOrder(true).maxResults(1000).nextToken(pageToken));
            for (HistoryEvent event : history.events()) {
                if (scheduled == null) {
                    if (end == null && ApprovalEvents.ended(event)) {
                        end = event;
                    } else if (ApprovalEvents.scheduled(event)) {
                        if (end != null) {
                            throw new NotAwaitingDecisionException("execution " + executionArn + " no longer waits"
                                    + " for a decision: " + ApprovalEvents.howItEnded(end) + ". Nothing was sent.");
                        }
                        scheduled = event;
                        token = ApprovalEvents.token(event).orElseThrow(() -> new CannotRunException("the approval"
                                + " step of " + executionArn + " carries no task token (its parameters have no"
                                + " MessageAttributes.TaskToken.StringValue): is it this product's OffboardFleet"
                                + " workflow?"));
                    }
                } else if (!stateChecked && event.type() == HistoryEventType.TASK_STATE_ENTERED) {
                    String state = event.stateEnteredEventDetails().name();
                    if (!ApprovalEvents.STATE.equals(state)) {
                        throw new NotAwaitingDecisionException("execution " + executionArn + " waits in state "
                                + state + ", not in " + ApprovalEvents.STATE + ": it is not a fleet execution waiting"
                                + " for approval. Nothing was sent.");
                    }
                    stateChecked = true;
                } else if (event.type() == HistoryEventType.TASK_STATE_EXITED
                        && ApprovalEvents.LIMIT_STATE.equals(event.stateExitedEventDetails().name())) {
                    return pending(token, scheduled, Report.output(event.stateExitedEventDetails().output()));
                }
            }
            next = history.nextToken();
            if (next == null) {
                break;
            }
        }
        if (scheduled == null) {
            throw new NotAwaitingDecisionException("execution " + executionArn + " does not wait for a decision:"
                    + " it has not come to its approval step (" + ApprovalEvents.STATE + "; a run waits there only"
                    + " when its request requires approval, it is not a dry run and the plan is within the limits)."
                    + " Nothing was sent.");
        }
        return pending(token, scheduled, null);
    }

    private static PendingApproval pending(String token, HistoryEvent scheduled, JsonNode limitOutput) {
        return new PendingApproval(token, scheduled.timestamp(), scheduled.taskScheduledEventDetails()
                .timeoutInSeconds(), limitOutput != null && limitOutput.isObject() ? limitOutput : null);
    }
}
