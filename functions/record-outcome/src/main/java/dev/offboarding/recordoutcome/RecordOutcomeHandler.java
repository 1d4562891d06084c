package dev.offboarding.recordoutcome;

import com.amazonaws.services.lambda.runtime.Context;
import dev.offboarding.json.JsonRequestHandler;
import dev.offboarding.logging.FunctionLog;

/**
 * record-outcome: the workflow's last step on every path after validation. From the workflow's final state it
 * decides how the execution ends (succeeded with its audit record, or failed with which error and Cause) and
 * assembles the audit record. Calls no AWS API.
 */
public final class RecordOutcomeHandler extends JsonRequestHandler<FinishedRun, Conclusion> {
    public RecordOutcomeHandler() {
        super(FinishedRun.class);
    }

    @Override
    public Conclusion handle(FinishedRun run, Context context) {
        Conclusion conclusion = Outcomes.of(run);
        FunctionLog.of(context, run.execution(), run.request().userName()).info("outcome-recorded",
                "failed", conclusion.failed(), "error", conclusion.error(),
                "outcome", conclusion.record() == null ? null : conclusion.record().outcome());
        return conclusion;
    }
}
