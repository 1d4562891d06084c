package dev.offboarding.recordoutcome;

import com.amazonaws.services.lambda.runtime.Context;
import dev.offboarding.json.JsonRequestHandler;
import dev.offboarding.logging.FunctionLog;
import dev.offboarding.records.RecordStore;
import dev.offboarding.records.RecordStores;
import java.time.Clock;

/**
 * record-outcome: writes the run's record to the record store at each {@link Stage} the workflow names, ahead of what
 * the run does next, and at the end decides how the execution ends (succeeded with its audit record, or failed with
 * which error and Cause) and what the event that announces it says. Its only AWS calls are the store's (S3
 * PutObject, GetObject and ListObjectsV2, under the records prefix).
 */
public final class RecordOutcomeHandler extends JsonRequestHandler<RunState, StageAnswer> {
    private final Journal journal;

    /** In Lambda: the stack's bucket (RECORDS_BUCKET, RECORDS_PREFIX), the user's account read from the execution. */
    public RecordOutcomeHandler() {
        this(RecordStores.fromEnvironment(), Clock.systemUTC(), null);
    }

    public RecordOutcomeHandler(RecordStore store, Clock clock) {
        this(store, clock, null);
    }

    /**
     * {@code homeAccountId}: the account a request without {@code accountId} acts in, or null to read it from the
     * execution's ARN (in AWS the state machine is in the stack's own account; a local engine's ARN is not).
     */
    public RecordOutcomeHandler(RecordStore store, Clock clock, String homeAccountId) {
        super(RunState.class);
        this.journal = new Journal(store, clock, homeAccountId);
    }

    @Override
    public StageAnswer handle(RunState run, Context context) {
        StageAnswer answer = journal.record(run);
        FunctionLog log = FunctionLog.of(context, run.execution(), run.request().userName());
        if (answer instanceof Conclusion conclusion) {
            log.info("outcome-recorded", "failed", conclusion.failed(), "error", conclusion.error(),
                    "outcome", conclusion.record().outcome(), "record", answer.recordAt().location());
        } else {
            log.info("record-written", "stage", run.stage(), "record", answer.recordAt().location(),
                    "recoveredFrom", answer instanceof StageAnswer.Opened opened && opened.recovery() != null
                            ? opened.recovery().key() : null);
        }
        return answer;
    }
}
