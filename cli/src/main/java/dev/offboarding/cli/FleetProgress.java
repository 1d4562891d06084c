package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * What a followed fleet execution says as it goes, beyond the states entered: the plan's numbers (state Limit),
 * that it waits for approval and with which commands to decide, how the approval ended; and what is kept for its
 * end: the plan's summary and the fleet report (state Report's output, which a failed execution has no other way to
 * show).
 */
final class FleetProgress implements ExecutionFollower.Watcher {
    private final String executionArn;
    private final Report report;
    private JsonNode plan;
    private JsonNode fleetReport;

    FleetProgress(String executionArn, Report report) {
        this.executionArn = executionArn;
        this.report = report;
    }

    @Override
    public void seen(HistoryEvent event) {
        if (ApprovalEvents.scheduled(event)) {
            report.line("     waiting for approval: offboard approve " + executionArn + " / offboard reject "
                    + executionArn);
            Instant deadline = deadline(event.timestamp(), event.taskScheduledEventDetails().timeoutInSeconds());
            if (deadline != null) {
                report.line("     (until " + deadline + "; then the run ends as rejected)");
            }
        } else if (ApprovalEvents.ended(event)) {
            report.line("     " + ApprovalEvents.howItEnded(event));
        } else if (event.type() == HistoryEventType.TASK_STATE_EXITED && event.stateExitedEventDetails() != null) {
            String state = event.stateExitedEventDetails().name();
            JsonNode output = Report.output(event.stateExitedEventDetails().output());
            if (ApprovalEvents.LIMIT_STATE.equals(state) && output.path("phase").isObject()) {
                plan = output.path("phase");
                report.line("     plan: " + FleetReport.planNumbers(plan));
            } else if (ApprovalEvents.REPORT_STATE.equals(state) && output.path("report").path("report").isObject()) {
                fleetReport = output.path("report").path("report");
            }
        }
    }

    /** The plan's summary (the LIMIT stage's answer), or null when the execution did not come to Limit. */
    JsonNode plan() {
        return plan;
    }

    /** The fleet report from state Report's output, or null when the execution did not come to Report. */
    JsonNode fleetReport() {
        return fleetReport;
    }

    /** When a wait that began at {@code since} times out, or null when it has no time-out. */
    static Instant deadline(Instant since, Long timeoutSeconds) {
        return since == null || timeoutSeconds == null ? null : since.plusSeconds(timeoutSeconds);
    }
}
