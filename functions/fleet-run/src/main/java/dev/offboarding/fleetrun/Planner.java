package dev.offboarding.fleetrun;

import dev.offboarding.audit.AuditRecord;
import dev.offboarding.fleet.CandidatesFile;
import dev.offboarding.fleet.ChildExecutionName;
import dev.offboarding.fleet.FleetRequest;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.Outcome;
import dev.offboarding.model.RemovedItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/** Classifies each user of the fleet from its plan child's result (section "Plan" of the fleet design). */
final class Planner {
    private final ChildRecords records;

    Planner(ChildRecords records) {
        this.records = records;
    }

    /**
     * The plan: {@code files} are the accounts' candidates, {@code results} each account's plan-phase results by
     * child execution name, {@code resultsAt} where each account's were read (for a sentence).
     */
    FleetPlan plan(Fleet fleet, List<CandidatesFile> files, Map<String, Map<String, ChildResult>> results,
                   Map<String, String> resultsAt, Instant now) {
        return plan(fleet, files, now, (account, candidate) -> {
            String execution = ChildExecutionName.forPlan(fleet.fleetExecution(), account, candidate.userName());
            ChildResult result = results.getOrDefault(account, Map.of()).get(execution);
            return result == null
                    ? new PlannedUser(candidate.userName(), account, PlanKind.PLAN_FAILED, execution, null, null,
                        "the plan phase wrote no result for its dry run " + execution + " under "
                            + resultsAt.get(account), candidate.why())
                    : classified(result, candidate.why());
        });
    }

    /**
     * The plan without dry runs: every candidate {@link PlanKind#SELECTED}, the limits checked against the candidates
     * themselves (at least as many as any dry run would let through).
     */
    static FleetPlan unplanned(Fleet fleet, List<CandidatesFile> files, Instant now) {
        return plan(fleet, files, now, (account, candidate) -> new PlannedUser(candidate.userName(), account,
                PlanKind.SELECTED, null, null, null, "selected, and offboarded without a dry run first: nobody"
                    + " approves this run and its candidates are within the limits, so the guards decide at run time",
                candidate.why()));
    }

    private static FleetPlan plan(Fleet fleet, List<CandidatesFile> files, Instant now,
                                  BiFunction<String, CandidatesFile.Candidate, PlannedUser> planned) {
        List<PlannedUser> users = new ArrayList<>();
        List<AccountPlan> accounts = new ArrayList<>();
        for (CandidatesFile file : files) {
            String account = file.accountId();
            int offboarding = 0;
            for (CandidatesFile.Candidate candidate : file.candidates()) {
                PlannedUser user = planned.apply(account, candidate);
                if (user.plan().offboards()) {
                    offboarding++;
                }
                users.add(user);
            }
            for (String missing : file.notFound()) {
                users.add(new PlannedUser(missing, account, PlanKind.NOT_FOUND, null, null, null, "no IAM user "
                        + missing + " in account " + account + " (or it does not match the other selectors)",
                        List.of()));
            }
            // The account summary may lag behind ListUsers: the account has at least the users found in it.
            int accountUsers = Math.max(file.accountUsers(), file.candidates().size());
            accounts.add(AccountPlan.of(account, accountUsers, file.candidates().size(), offboarding));
        }
        FleetRequest request = fleet.request();
        Limits limits = new Limits(request.maxUsersPerRun(), request.maxShareOfAccount());
        int wouldOffboard = (int) users.stream().filter(u -> u.plan().offboards()).count();
        int refused = (int) users.stream().filter(u -> u.plan() == PlanKind.REFUSED).count();
        String exceeded = BlastRadius.exceeded(fleet.run(), limits, wouldOffboard, accounts).orElse(null);
        return new FleetPlan(fleet.run(), fleet.fleetExecution(), now, limits, wouldOffboard, refused, accounts,
                users, exceeded);
    }

    private PlannedUser classified(ChildResult result, List<String> why) {
        String record = records.of(result).orElse(null);
        if (result instanceof ChildResult.Finished finished) {
            return finished(finished, record, why);
        }
        if (result instanceof ChildResult.Failed failed) {
            return user(result, Refusals.isRefusal(failed.error()) ? PlanKind.REFUSED : PlanKind.PLAN_FAILED, record,
                    failed.error(), failed.cause(), why);
        }
        if (result instanceof ChildResult.AlreadyStarted started) {
            return user(result, PlanKind.PLAN_FAILED, record, "StepFunctions.ExecutionAlreadyExistsException",
                    "its dry run " + result.execution() + " was started before (the fleet execution was redriven):"
                        + " start a new fleet execution to plan afresh. " + started.cause(), why);
        }
        ChildResult.NotRun notRun = (ChildResult.NotRun) result;
        return user(result, PlanKind.PLAN_FAILED, record, notRun.error(), "its dry run did not finish ("
                + notRun.status() + (notRun.cause() == null ? "" : ": " + notRun.cause()) + ")", why);
    }

    private static PlannedUser finished(ChildResult.Finished finished, String record, List<String> why) {
        AuditRecord child = finished.child();
        if (!child.userName().equalsIgnoreCase(finished.userName())
                || (child.accountId() != null && !child.accountId().equals(finished.accountId()))) {
            return user(finished, PlanKind.PLAN_FAILED, record, null, "its dry run answered for user "
                    + child.userName() + " in account " + child.accountId() + ", not for this user", why);
        }
        if (child.outcome() == Outcome.ALREADY_ABSENT) {
            return user(finished, PlanKind.NOTHING_TO_DO, record, null, "user " + finished.userName()
                    + " no longer exists in account " + finished.accountId() + ": nothing to do", why);
        }
        if (child.outcome() != Outcome.DRY_RUN) {
            return user(finished, PlanKind.PLAN_FAILED, record, null, "its plan child ended " + child.outcome()
                    + ", which a dry run never does", why);
        }
        if (child.wouldRefuse() != null) {
            return user(finished, PlanKind.REFUSED, record, child.wouldRefuse().error(), child.wouldRefuse().cause(),
                    why);
        }
        return user(finished, PlanKind.WOULD_OFFBOARD, record, null, wouldDo(child), why);
    }

    /** "would remove: 2 access keys, 1 console password", or with a quarantine "would lock out now ...". */
    static String wouldDo(AuditRecord dryRun) {
        List<RemovedItem> items = dryRun.plan() == null ? List.of() : dryRun.plan();
        Map<BlockerKind, Long> byKind = items.stream()
                .collect(Collectors.groupingBy(RemovedItem::kind, () -> new EnumMap<>(BlockerKind.class),
                        Collectors.counting()));
        String what = byKind.isEmpty() ? "nothing hangs on the user" : byKind.entrySet().stream()
                .map(e -> e.getValue() + " " + (e.getValue() == 1 ? e.getKey().description() : e.getKey().plural()))
                .collect(Collectors.joining(", "));
        return dryRun.quarantineDays() > 0
                ? "would lock out now and delete after " + dryRun.quarantineDays() + " days: " + what
                : "would remove and delete the user: " + what;
    }

    private static PlannedUser user(ChildResult result, PlanKind plan, String record, String error, String reason,
                                    List<String> why) {
        return new PlannedUser(result.userName(), result.accountId(), plan, result.execution(), record, error, reason,
                why);
    }
}
