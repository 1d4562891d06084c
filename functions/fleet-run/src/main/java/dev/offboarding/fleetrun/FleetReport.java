package dev.offboarding.fleetrun;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** {@code F/report.json}: how the fleet execution ended, for each user and in all. */
record FleetReport(String run, String fleetExecution, Instant startedAt, Instant endedAt, FleetOutcome outcome,
                   Approval approval, Counts counts, List<ReportedUser> users, String planKey, String reportKey,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Ending ending) {
}
