package dev.offboarding.reinstateuser;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.json.JsonRequestHandler;
import dev.offboarding.json.RequestReader;
import dev.offboarding.logging.FunctionLog;
import dev.offboarding.records.RecordStore;
import dev.offboarding.records.RecordStores;
import java.time.Clock;

/**
 * reinstate-user: undoes the lock-out of a quarantined user ({@link Reinstater}): stops the offboarding that waits out
 * the quarantine, turns on again what the lock-out deactivated, lifts the deny of every action, and says what cannot
 * come back. A dry run unless the request says {@code "dryRun": false}. It keeps its own record in the offboarding
 * records, beside the offboarding's. Its AWS calls: the record store's (S3), iam:GetUser, the four credential
 * updates, iam:DetachUserPolicy of AWSDenyAll, iam:PutUserPermissionsBoundary and DeleteUserPermissionsBoundary, and
 * Step Functions' DescribeExecution and StopExecution of the OffboardUser state machine's executions.
 */
public final class ReinstateUserHandler extends JsonRequestHandler<ReinstateUserRequest, ReinstateUserResult> {
    private final Reinstater reinstater;

    /** In Lambda: IAM of the stack's account, the stack's records (RECORDS_BUCKET, RECORDS_PREFIX), its settings. */
    public ReinstateUserHandler() {
        this(IamGateway.fromEnvironment(), RecordStores.fromEnvironment(),
                executionsOf(ReinstateSettings.fromEnvironment(System.getenv())),
                ReinstateSettings.fromEnvironment(System.getenv()).homeAccountId(), Clock.systemUTC());
    }

    /**
     * A reinstate acting in {@code homeAccountId} through {@code iam}, with its records in {@code records}, that stops
     * nothing: a local run, whose offboarding ran on this machine's engine.
     */
    public ReinstateUserHandler(IamGateway iam, RecordStore records, String homeAccountId, Clock clock) {
        this(iam, records, (OffboardingExecutions) null, homeAccountId, clock);
    }

    ReinstateUserHandler(IamGateway iam, RecordStore records, OffboardingExecutions executions, String homeAccountId,
                         Clock clock) {
        super(ReinstateUserRequest.class);
        this.reinstater = new Reinstater(iam, records, executions, homeAccountId, clock);
    }

    private static OffboardingExecutions executionsOf(ReinstateSettings settings) {
        return settings.offboardingStateMachineArn() == null ? null
                : OffboardingExecutions.of(settings.offboardingStateMachineArn());
    }

    /** The request is a caller's: no null in it at all, since a null read as absent could turn a dry run real. */
    @Override
    protected void checkRaw(JsonNode request) {
        RequestReader.refuseAnyNull(request, "");
    }

    @Override
    public ReinstateUserResult handle(ReinstateUserRequest request, Context context) {
        FunctionLog log = FunctionLog.of(context, request.execution(), request.userName());
        try {
            ReinstateUserResult result = reinstater.reinstate(request);
            log.info("reinstate-ended", "outcome", result.outcome(), "dryRun", result.dryRun(),
                    "lockOutRecord", result.reinstatement().lockOutRecord(),
                    "quarantineExecution", result.reinstatement().quarantineExecution(),
                    "reactivated", result.reinstatement().reactivated(), "deny", result.reinstatement().deny(),
                    "record", result.record().location());
            return result;
        } catch (RuntimeException e) {
            log.info("reinstate-refused", "error", ReinstateErrors.nameOf(e), "message", e.getMessage());
            throw e;
        }
    }
}
