package dev.offboarding.removetokens;

import com.amazonaws.services.lambda.runtime.Context;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateways;
import dev.offboarding.json.JsonRequestHandler;
import dev.offboarding.logging.FunctionLog;
import dev.offboarding.priming.SnapStartPriming;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * remove-tokens: removes what an inventory lists. Each round first denies the user every action
 * ({@link dev.offboarding.model.DenyAll}); {@code LOCK_OUT} then does only the reversible lock-out (the console password
 * is kept, powerless behind the deny); {@code REMOVE} locks out, removes everything and lifts the deny last. A dry run calls nothing at all and
 * returns the plan. Returns one entry per item. Every item is checked before the first IAM call
 * ({@link InventoryRules}); a virtual MFA device is deleted only if it is the user's ({@link MfaOwnership}, else
 * {@link dev.offboarding.errors.ItemNotTheUsersException} and no change); a failure midway keeps its class and says
 * what was already done ({@link AlreadyDone}).
 */
public final class RemoveTokensHandler extends JsonRequestHandler<RemoveTokensRequest, RemoveTokensResult> {
    private final IamGateways iam;
    private final Pause pause;
    private final Clock clock;
    private SnapStartPriming priming;

    public RemoveTokensHandler() {
        this(IamGateways.fromEnvironment(), Pause.REAL, Clock.systemUTC());
        this.priming = SnapStartPriming.register(priming());
    }

    /** Before a SnapStart snapshot: one removal of every kind, answered offline (see {@link SnapStartPriming}). */
    public static SnapStartPriming priming() {
        return SnapStartPriming.of("remove-tokens", iam -> new RemoveTokensHandler(iam.gateway(), Pause.REAL,
                Clock.systemUTC()), PRIMING_REQUEST);
    }

    private static final String PRIMING_REQUEST = """
            {"mode": "REMOVE", "dryRun": false, "inventory": {"userName": "priming",
              "loginProfile": {"createDate": "2025-01-01T00:00:00Z", "passwordResetRequired": false},
              "accessKeys": [{"accessKeyId": "AKIAPRIMING000000000", "status": "Active"}],
              "signingCertificates": [{"certificateId": "CERTPRIMING0000000000000000000001", "status": "Active"}],
              "sshPublicKeys": [{"sshPublicKeyId": "APKAPRIMING000000000", "status": "Active"}],
              "serviceSpecificCredentials": [{"serviceSpecificCredentialId": "ACCAPRIMING000000000",
                "serviceName": "codecommit.amazonaws.com", "status": "Active"}],
              "mfaDevices": [{"serialNumber": "arn:aws:iam::123456789012:mfa/priming"}],
              "inlinePolicies": [{"policyName": "priming"}],
              "attachedPolicies": [{"policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}],
              "groups": [{"groupName": "priming"}]}}
            """;

    public RemoveTokensHandler(IamGateway iam, Pause pause, Clock clock) {
        this(IamGateways.homeOnly(iam), pause, clock);
    }

    /** {@code iam}: the home account's gateway, and those of member accounts through their offboarding role. */
    public RemoveTokensHandler(IamGateways iam, Pause pause, Clock clock) {
        super(RemoveTokensRequest.class);
        this.iam = iam;
        this.pause = pause;
        this.clock = clock;
    }

    @Override
    public RemoveTokensResult handle(RemoveTokensRequest request, Context context) {
        String user = request.inventory().userName();
        FunctionLog log = FunctionLog.of(context, request.execution(), user);
        // Logged as each change is done, so a run that stops midway still leaves a record of what it changed: the deny
        // first (with the boundary it may have replaced, which a reinstate puts back), then each item.
        TokenRemover.Done done = new TokenRemover(iam.of(request.memberAccount()), pause, clock).run(request,
                deny -> log.info("deny-attached", "mode", request.mode(), "dryRun", request.isDryRun(),
                        "how", deny.how(), "policy", deny.policy(), "attachedAt", deny.attachedAt(),
                        "alreadyInPlace", deny.alreadyInPlace(), "replacedBoundary", deny.replacedBoundary()),
                item -> log.info("item-done", "mode", request.mode(), "dryRun", request.isDryRun(),
                        "kind", item.kind(), "id", item.id(), "action", item.action()));
        Instant quarantineUntil = request.quarantine() > 0 && !request.isDryRun()
                ? clock.instant().plus(Duration.ofDays(request.quarantine())).truncatedTo(ChronoUnit.SECONDS) : null;
        return new RemoveTokensResult(user, request.mode(), request.isDryRun(), done.deny(), done.items(),
                quarantineUntil);
    }
}
