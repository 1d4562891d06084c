package dev.offboarding.fleetrun;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * REPORT's answer: whether the fleet execution fails and with which error and Cause (the workflow's Fail state takes
 * them: {@code ErrorPath $.report.error}), and the report without its users (they are in {@code reportKey}), small
 * enough for the execution's output and the event that announces it.
 */
record ReportAnswer(boolean failed, String error, String cause, Summary summary) implements StageAnswer {
    record Summary(String run, String fleetExecution, Instant startedAt, Instant endedAt, FleetOutcome outcome,
                   Approval approval, Counts counts, int users, String planKey, String reportKey,
                   String reportLocation, @JsonInclude(JsonInclude.Include.NON_NULL) Ending ending) {
    }

    static ReportAnswer of(FleetReport report, String reportLocation) {
        Ending ending = report.ending();
        boolean failed = report.outcome() == FleetOutcome.REFUSED || report.outcome() == FleetOutcome.REJECTED
                || report.outcome() == FleetOutcome.FAILED;
        return new ReportAnswer(failed, failed ? ending.error() : null, failed ? ending.cause() : null,
                new Summary(report.run(), report.fleetExecution(), report.startedAt(), report.endedAt(),
                        report.outcome(), report.approval(), report.counts(), report.users().size(), report.planKey(),
                        report.reportKey(), reportLocation, ending));
    }
}
