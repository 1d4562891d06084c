package dev.offboarding.deleteuser;

import dev.offboarding.model.DeletionOutcome;
import com.amazonaws.services.lambda.runtime.Context;
import dev.offboarding.iam.IamClients;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateways;
import dev.offboarding.iam.IamGateway.Removal;
import dev.offboarding.json.JsonRequestHandler;
import dev.offboarding.logging.FunctionLog;
import dev.offboarding.priming.SnapStartPriming;
import dev.offboarding.errors.UserDeleteConflictException;
import java.time.Clock;

/**
 * delete-user: one DeleteUser call. A DeleteConflict is raised as
 * {@link dev.offboarding.errors.UserDeleteConflictException} for the workflow to retry with backoff; it does not
 * wait or retry here, because waiting in the state machine costs nothing.
 */
public final class DeleteUserHandler extends JsonRequestHandler<DeleteUserRequest, DeleteUserResult> {
    private final IamGateways iam;
    private final Clock clock;
    private SnapStartPriming priming;

    public DeleteUserHandler() {
        // No SDK retries: each invocation is one DeleteUser call, so the workflow's attempts are the calls IAM saw.
        this(IamGateways.fromEnvironment(IamClients.SdkRetries.OFF), Clock.systemUTC());
        this.priming = SnapStartPriming.register(priming());
    }

    /** Before a SnapStart snapshot: one DeleteUser answered offline (see {@link SnapStartPriming}). */
    public static SnapStartPriming priming() {
        return SnapStartPriming.of("delete-user", iam -> new DeleteUserHandler(iam.gateway(), Clock.systemUTC()),
                "{\"userName\": \"priming\", \"attempt\": 0}");
    }

    public DeleteUserHandler(IamGateway iam, Clock clock) {
        this(IamGateways.homeOnly(iam), clock);
    }

    /** {@code iam}: the home account's gateway, and those of member accounts through their offboarding role. */
    public DeleteUserHandler(IamGateways iam, Clock clock) {
        super(DeleteUserRequest.class);
        this.iam = iam;
        this.clock = clock;
    }

    @Override
    public DeleteUserResult handle(DeleteUserRequest request, Context context) {
        FunctionLog log = FunctionLog.of(context, request.execution(), request.userName());
        DeletionOutcome outcome;
        String conflict = null;
        try {
            Removal removal = iam.of(request.memberAccount()).deleteUser(request.userName());
            outcome = removal == Removal.DONE ? DeletionOutcome.DELETED : DeletionOutcome.ALREADY_ABSENT;
        } catch (UserDeleteConflictException e) {
            if (!request.isLastAttempt()) {
                log.info("delete-user-answered", "attempt", request.attemptNumber(), "outcome", "DeleteConflict");
                throw e;
            }
            outcome = DeletionOutcome.STILL_CONFLICTING;
            conflict = e.getMessage();
        }
        log.info("delete-user-answered", "attempt", request.attemptNumber(), "outcome", outcome);
        return new DeleteUserResult(request.userName(), outcome, clock.instant(), request.attemptNumber(), conflict);
    }
}
