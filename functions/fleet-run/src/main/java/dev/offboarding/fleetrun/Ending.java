package dev.offboarding.fleetrun;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/** Why a fleet execution ends early: the error and Cause the workflow caught (or, in the report, its Offboarding.* name). */
record Ending(String error, @JsonInclude(JsonInclude.Include.NON_NULL) String cause) {
    /** Step Functions' limits on a Fail state's error and cause. */
    static final int MAX_ERROR_LENGTH = 256;
    static final int MAX_CAUSE_LENGTH = 32_768;

    List<String> problems(String field) {
        List<String> problems = new ArrayList<>();
        if (error == null || error.isBlank() || error.length() > MAX_ERROR_LENGTH) {
            problems.add(field + ".error is required: the error the workflow caught ($.caught.Error), at most "
                    + MAX_ERROR_LENGTH + " characters");
        }
        if (cause != null && cause.length() > MAX_CAUSE_LENGTH) {
            problems.add(field + ".cause is " + cause.length() + " characters long; at most " + MAX_CAUSE_LENGTH);
        }
        return problems;
    }
}
