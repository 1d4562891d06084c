package dev.offboarding.deleteuser;

import com.amazonaws.services.lambda.runtime.Context;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateways;
import dev.offboarding.iam.IamGateway.Removal;
import dev.offboarding.json.JsonRequestHandler;
import dev.offboarding.logging.FunctionLog;
import dev.offboarding.priming.SnapStartPriming;
import dev.offboarding.model.Outcome;
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
        this(IamGateways.fromEnvironment(), Clock.systemUTC());
        this.priming = SnapStartPriming.register(priming());
    }

    /** Before a SnapStart snapshot: one DeleteUser answered offline (see {@link SnapStartPriming}). */
    static SnapStartPriming priming() {
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
        Removal removal = iam.of(request.memberAccount()).deleteUser(request.userName());
        Outcome outcome = removal == Removal.DONE ? Outcome.DELETED : Outcome.ALREADY_ABSENT;
        FunctionLog.of(context, request.execution(), request.userName()).info("delete-user-answered",
                "attempt", request.attemptNumber(), "outcome", outcome);
        return new DeleteUserResult(request.userName(), outcome, clock.instant(), request.attemptNumber());
    }
}
