package dev.offboarding.listtokens;

import com.amazonaws.services.lambda.runtime.Context;
import dev.offboarding.decision.Decider;
import dev.offboarding.decision.Decision;
import dev.offboarding.decision.Inspection;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateways;
import dev.offboarding.json.JsonRequestHandler;
import dev.offboarding.logging.FunctionLog;
import dev.offboarding.priming.SnapStartPriming;
import dev.offboarding.model.UserInventory;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.Recovery;
import java.time.Clock;

/**
 * list-tokens: the inventory of everything that makes DeleteUser fail for one user, with the facts an audit record
 * and the workflow's guards need, and what it means for the request (the {@link Decider}'s decision, on which the
 * workflow branches). Reads only; a user that does not exist gives {@code exists: false}.
 *
 * <p>Its input is the whole offboarding request (only {@code userName} is required), which it validates before any
 * IAM call: as the workflow's first task it is also where a malformed request is refused.
 */
public final class ListTokensHandler extends JsonRequestHandler<OffboardingRequest, Inspection> {
    private final IamGateways iam;
    private final Guards guards;
    private final Clock clock;
    private SnapStartPriming priming;

    public ListTokensHandler() {
        this(IamGateways.fromEnvironment(), GuardSettings.fromEnvironment(System.getenv()), Clock.systemUTC());
        this.priming = SnapStartPriming.register(priming());
    }

    /** Before a SnapStart snapshot: one inventory taken offline (see {@link SnapStartPriming}). */
    public static SnapStartPriming priming() {
        return SnapStartPriming.of("list-tokens",
                iam -> new ListTokensHandler(iam.gateway(), GuardSettings.defaults(), Clock.systemUTC()),
                "{\"userName\": \"priming\", \"reason\": \"SnapStart priming\"}");
    }

    public ListTokensHandler(IamGateway iam, GuardSettings settings, Clock clock) {
        this(IamGateways.homeOnly(iam), settings, clock);
    }

    /** {@code iam}: the home account's gateway, and those of member accounts through their offboarding role. */
    public ListTokensHandler(IamGateways iam, GuardSettings settings, Clock clock) {
        super(OffboardingRequest.class);
        this.iam = iam;
        this.guards = new Guards(settings);
        this.clock = clock;
    }

    @Override
    public Inspection handle(OffboardingRequest request, Context context) {
        UserInventory taken = new InventoryReader(iam.of(request.memberAccount())).read(request.userName(),
                clock.instant());
        UserInventory inventory = guards.evaluate(recovered(taken, request.recovery()), clock.instant())
                .withExecution(request.execution());
        Decision decision = Decider.decide(inventory, request);
        FunctionLog.of(context, request.execution(), request.userName()).info("inventory-taken",
                "exists", inventory.exists(), "blockers", inventory.blockerCount(),
                "protected", inventory.protectedUser(), "recentlyActive", inventory.recentlyActive(),
                "privileged", inventory.privileged(), "decision", decision.kind());
        return new Inspection(inventory, decision);
    }

    private static UserInventory recovered(UserInventory taken, Recovery recovery) {
        return recovery == null ? taken : taken.withRecovered(recovery.mfaDevices(), recovery.executionId());
    }
}
