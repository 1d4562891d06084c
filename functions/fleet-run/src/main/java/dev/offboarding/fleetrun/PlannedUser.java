package dev.offboarding.fleetrun;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One user of the plan: what its dry run found, its plan child's execution and record, the error (a refusal's or a
 * failure's), a sentence saying why, and why it was selected.
 */
record PlannedUser(String userName, String accountId, PlanKind plan,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String execution,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String record,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String error,
                   String reason, List<String> why) {
}
