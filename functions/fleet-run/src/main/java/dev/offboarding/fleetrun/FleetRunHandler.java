package dev.offboarding.fleetrun;

import com.amazonaws.services.lambda.runtime.Context;
import dev.offboarding.json.JsonRequestHandler;
import dev.offboarding.logging.FunctionLog;
import dev.offboarding.records.RecordStore;
import dev.offboarding.records.RecordStores;
import java.time.Clock;

/**
 * fleet-run: the decisions of the OffboardFleet workflow, one {@link Stage} per call. VALIDATE checks the fleet
 * request and resolves its accounts; ITEMS writes the plan phase's child items; LIMIT classifies every user from
 * the dry runs, writes the plan and the offboard phase's items, and refuses a plan over the blast radius; REPORT
 * writes the fleet report. Its AWS calls are the record store's (S3 GetObject, PutObject, ListObjectsV2 under the
 * records prefix) and, for {@code "organization": true}, Organizations ListAccounts.
 */
public final class FleetRunHandler extends JsonRequestHandler<StageInput, StageAnswer> {
    private final FleetRun run;
    private final Reporter reporter;

    /** In Lambda: the stack's records (RECORDS_BUCKET, RECORDS_PREFIX), HOME_ACCOUNT_ID and the limits' defaults. */
    public FleetRunHandler() {
        this(RecordStores.fromEnvironment(), Clock.systemUTC(), FleetSettings.fromEnvironment(System.getenv()),
                SdkOrganizationAccounts.fromEnvironment());
    }

    public FleetRunHandler(RecordStore store, Clock clock, FleetSettings settings, OrganizationAccounts organization) {
        super(StageInput.class);
        this.run = new FleetRun(store, clock, settings, organization);
        this.reporter = new Reporter(store, clock);
    }

    @Override
    public StageAnswer handle(StageInput input, Context context) {
        if (input instanceof ValidateInput validate) {
            Fleet fleet = run.validate(validate);
            log(context, fleet).info("fleet-valid", "accounts", fleet.accounts().size(),
                    "dryRun", fleet.request().dryRun(), "requireApproval", fleet.request().requireApproval());
            return fleet;
        }
        if (input instanceof StageInputs.Items items) {
            ItemsAnswer answer = run.items(items);
            log(context, items.fleet()).info("items-written", "phase", answer.phase(),
                    "candidates", answer.candidates(), "accounts", answer.accounts().size());
            return answer;
        }
        if (input instanceof StageInputs.Limit limit) {
            LimitAnswer answer = run.limit(limit);
            log(context, limit.fleet()).info("plan-written", "wouldOffboard", answer.wouldOffboard(),
                    "refused", answer.refused(), "limitExceeded", answer.limitExceeded() != null);
            return answer;
        }
        StageInputs.Report report = (StageInputs.Report) input;
        ReportAnswer answer = reporter.report(report);
        log(context, report.fleet()).info("report-written", "outcome", answer.summary().outcome(),
                "error", answer.error(), "report", answer.summary().reportLocation());
        return answer;
    }

    private static FunctionLog log(Context context, Fleet fleet) {
        return FunctionLog.of(context, fleet.fleetExecution(), null);
    }
}
