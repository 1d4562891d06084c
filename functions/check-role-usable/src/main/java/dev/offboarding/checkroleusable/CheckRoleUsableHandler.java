package dev.offboarding.checkroleusable;

import com.amazonaws.services.lambda.runtime.Context;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.errors.RoleNotUsableByDeadlineException;
import dev.offboarding.errors.RoleNotYetUsableException;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.Partitions;
import dev.offboarding.iam.StsGateway;
import dev.offboarding.json.JsonRequestHandler;
import dev.offboarding.logging.FunctionLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * check-role-usable: is this role usable yet, for the caller's purpose? Runs the requested checks once. All pass:
 * returns the consecutive success count, {@code usable} once it reaches the required number. One fails: throws
 * {@link RoleNotYetUsableException} (the workflow retries it with backoff), or past the deadline
 * {@link RoleNotUsableByDeadlineException}; both name the failing condition. It never sleeps: the workflow waits
 * between checks, where waiting costs nothing.
 */
public final class CheckRoleUsableHandler extends JsonRequestHandler<CheckRoleUsableRequest, CheckRoleUsableResult> {
    private final RoleChecker checker;
    private final StsGateway sts;
    private final String partition;
    private final Clock clock;

    public CheckRoleUsableHandler() {
        this(IamGateway.fromEnvironment(), StsGateway.fromEnvironment(), Partitions.fromEnvironment(System.getenv()),
                Clock.systemUTC());
    }

    public CheckRoleUsableHandler(IamGateway iam, StsGateway sts, String partition, Clock clock) {
        super(CheckRoleUsableRequest.class);
        this.checker = new RoleChecker(iam, sts);
        this.sts = sts;
        this.partition = partition;
        this.clock = clock;
    }

    @Override
    public CheckRoleUsableResult handle(CheckRoleUsableRequest in, Context context) {
        WaitForRoleRequest request = in.request();
        RoleTarget role = resolve(request);
        FunctionLog log = FunctionLog.of(context, in.execution(), null);
        List<RoleCheck> passed = new ArrayList<>();
        Optional<RoleChecker.Failure> failure = checker.run(role, request, passed);
        Instant now = clock.instant();
        Instant deadline = in.deadline();
        boolean pastDeadline = deadline != null && !now.isBefore(deadline);
        int required = request.required();
        if (failure.isPresent()) {
            RoleChecker.Failure f = failure.get();
            log.info("role-not-usable", "role", role.arn(), "failed", f.check(), "passed", passed,
                    "pastDeadline", pastDeadline);
            if (pastDeadline) {
                throw new RoleNotUsableByDeadlineException("Role " + role.arn() + " did not become usable within "
                        + request.deadline() + " s (deadline " + deadline + "): " + f.check() + " still fails: "
                        + f.reason() + ".", f.check().name());
            }
            throw new RoleNotYetUsableException("Role " + role.arn() + " is not usable yet: " + f.check() + " fails: "
                    + f.reason() + " (passed: " + passed + "; consecutive successes start again at 0 of " + required
                    + ").", f.check().name());
        }
        int successes = in.priorSuccesses() + 1;
        boolean usable = successes >= required;
        log.info("role-checked", "role", role.arn(), "passed", passed, "successes", successes,
                "requiredSuccesses", required, "usable", usable);
        if (!usable && pastDeadline) {
            throw new RoleNotUsableByDeadlineException("Role " + role.arn() + " did not become usable within "
                    + request.deadline() + " s (deadline " + deadline + "): every check passes now, but only "
                    + successes + " of the " + required + " consecutive successes required had been seen.",
                    "CONSECUTIVE_SUCCESSES");
        }
        return new CheckRoleUsableResult(role.arn(), usable, successes, required, passed, now, deadline);
    }

    private RoleTarget resolve(WaitForRoleRequest request) {
        Matcher arn = request.arn();
        boolean readsIam = request.checks().stream().anyMatch(c -> c != RoleCheck.ASSUMABLE);
        String own = arn == null && request.accountId() == null || readsIam ? sts.callerIdentity().accountId() : null;
        RoleTarget role;
        if (arn != null) {
            role = new RoleTarget(request.role(), arn.group(3), arn.group(2), arn.group(2).equals(own));
        } else {
            String account = request.accountId() == null ? own : request.accountId();
            role = new RoleTarget("arn:" + partition + ":iam::" + account + ":role/" + request.role(), request.role(),
                    account, account.equals(own));
        }
        if (readsIam && !role.ownAccount()) {
            throw new InvalidRequestException("role " + role.arn() + " is in account " + role.accountId() + ", not in"
                    + " this function's account " + own + ": only ASSUMABLE can be checked there (EXISTS, TRUSTS and"
                    + " ALLOWS_ACTIONS read IAM with this function's own credentials)");
        }
        return role;
    }
}
