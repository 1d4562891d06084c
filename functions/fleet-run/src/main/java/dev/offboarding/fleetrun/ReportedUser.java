package dev.offboarding.fleetrun;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One user of the report: how the fleet ended for it, the child execution that decided it (the offboard one when it
 * ran, the plan's otherwise), that child's single-user record, the error and a sentence why.
 */
record ReportedUser(String userName, String accountId,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String execution,
                    UserOutcome outcome,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String record,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String error,
                    String reason) {
}
