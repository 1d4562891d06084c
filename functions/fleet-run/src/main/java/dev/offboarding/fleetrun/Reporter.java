package dev.offboarding.fleetrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.fleet.ChildExecutionName;
import dev.offboarding.json.Json;
import dev.offboarding.json.RequestReader;
import dev.offboarding.records.RecordStore;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * REPORT: how the fleet ended for each user (its offboard child's result when that ran, its plan otherwise) and in
 * all, written to {@code F/report.json} on every path after VALIDATE.
 */
final class Reporter {
    private final RecordStore store;
    private final Clock clock;
    private final ChildRecords records;

    Reporter(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.records = new ChildRecords(store);
    }

    ReportAnswer report(StageInputs.Report input) {
        Fleet fleet = input.fleet();
        FleetKeys keys = fleet.keys();
        Optional<FleetPlan> plan = StoredJson.readIfPresent(store, keys.plan(), FleetPlan.class, "the plan");
        Ending ending = input.ending() == null ? null : FleetErrors.named(input.ending());
        Approval approval = input.approval() != null ? input.approval() : approvalIn(input.ending());
        FleetOutcome outcome = outcome(fleet, approval, ending);
        if (outcome == FleetOutcome.REJECTED) {
            ending = new Ending(FleetErrors.REJECTED, rejection(approval, ending));
        }
        Map<String, ChildResult> offboarded = new LinkedHashMap<>();
        if (plan.isPresent() && input.phase() != null && input.phase().phase() == Phase.OFFBOARD) {
            MapRunResults reader = new MapRunResults(store);
            plan.get().users().stream().filter(u -> u.plan().offboards())
                    .map(PlannedUser::accountId).distinct()
                    .forEach(account -> offboarded.putAll(reader.read(keys.results(Phase.OFFBOARD, account))));
        }
        List<ReportedUser> users = new ArrayList<>();
        for (PlannedUser user : plan.map(FleetPlan::users).orElse(List.of())) {
            users.add(reported(fleet, user, offboarded, ending));
        }
        FleetReport report = new FleetReport(fleet.run(), fleet.fleetExecution(), fleet.startedAt(), clock.instant(),
                outcome, approval, Counts.of(users), users, plan.isPresent() ? keys.plan() : null, keys.report(),
                ending);
        StoredJson.write(store, keys.report(), report);
        return ReportAnswer.of(report, store.describe(keys.report()));
    }

    private static FleetOutcome outcome(Fleet fleet, Approval approval, Ending ending) {
        boolean rejected = approval != null && approval.decision() == Approval.Decision.REJECTED;
        if (rejected || (ending != null && FleetErrors.REJECTED.equals(ending.error()))) {
            return FleetOutcome.REJECTED;
        }
        if (ending != null) {
            return FleetErrors.BLAST_RADIUS.equals(ending.error()) ? FleetOutcome.REFUSED : FleetOutcome.FAILED;
        }
        return fleet.request().dryRun() ? FleetOutcome.DRY_RUN : FleetOutcome.COMPLETED;
    }

    /**
     * The approval step's SendTaskFailure carries who rejected, when and why as its Cause ({"by", "at", "reason"}, as
     * offboard reject sends it): its error, Offboarding.Rejected, is the decision, which the Cause may repeat.
     */
    private static Approval approvalIn(Ending caught) {
        if (caught == null || caught.cause() == null || !FleetErrors.APPROVAL_REJECTED.equals(caught.error())) {
            return null;
        }
        try {
            JsonNode tree = Json.mapper().readTree(caught.cause());
            if (tree == null || !tree.isObject()) {
                return null;
            }
            if (!tree.has("decision")) {
                tree = ((ObjectNode) tree.deepCopy())
                        .put("decision", Approval.Decision.REJECTED.name());
            }
            Approval approval = RequestReader.read(tree, Approval.class);
            return approval.problems("approval").isEmpty() && approval.decision() == Approval.Decision.REJECTED
                    ? approval : null;
        } catch (IOException | InvalidRequestException notADecision) {
            return null;
        }
    }

    private static String rejection(Approval approval, Ending ending) {
        if (approval != null) {
            return "The plan was rejected by " + approval.by() + " at " + approval.at()
                    + (approval.reason() == null ? "" : ": " + approval.reason()) + ". Nobody was offboarded.";
        }
        return "The plan was not approved" + (ending == null || ending.cause() == null ? "" : ": " + ending.cause())
                + ". Nobody was offboarded.";
    }

    private ReportedUser reported(Fleet fleet, PlannedUser user, Map<String, ChildResult> offboarded, Ending ending) {
        if (!user.plan().offboards()) {
            return fromPlan(user);
        }
        String execution = ChildExecutionName.forOffboard(fleet.run(), user.accountId(), user.userName());
        ChildResult result = offboarded.get(execution);
        if (result != null) {
            return fromResult(fleet, result);
        }
        if (fleet.request().dryRun()) {
            return new ReportedUser(user.userName(), user.accountId(), user.execution(), UserOutcome.DRY_RUN,
                    user.record(), null, user.reason());
        }
        return new ReportedUser(user.userName(), user.accountId(), execution, UserOutcome.NOT_STARTED, null, null,
                "its offboarding was not started: " + (ending == null ? "the offboard phase wrote no result for it"
                        : "the fleet ended first (" + ending.error() + ")") + "; its plan: " + user.reason());
    }

    private static ReportedUser fromPlan(PlannedUser user) {
        UserOutcome outcome = switch (user.plan()) {
            case NOTHING_TO_DO -> UserOutcome.ALREADY_ABSENT;
            case REFUSED -> UserOutcome.REFUSED;
            case NOT_FOUND -> UserOutcome.NOT_FOUND;
            default -> UserOutcome.FAILED;
        };
        return new ReportedUser(user.userName(), user.accountId(), user.execution(), outcome, user.record(),
                user.error(), user.reason());
    }

    private ReportedUser fromResult(Fleet fleet, ChildResult result) {
        String record = records.of(result).orElse(null);
        if (result instanceof ChildResult.Finished finished) {
            AuditRecord child = finished.child();
            return switch (child.outcome()) {
                case DELETED -> user(result, UserOutcome.DELETED, record, null, "deleted at " + child.deletedAt());
                case ALREADY_ABSENT -> user(result, UserOutcome.ALREADY_ABSENT, record, null,
                        "it no longer existed: nothing to do");
                case DRY_RUN -> user(result, UserOutcome.DRY_RUN, record, null, Planner.wouldDo(child));
                default -> user(result, UserOutcome.FAILED, record, child.error(), "its offboarding ended "
                        + child.outcome() + (child.cause() == null ? "" : ": " + child.cause()));
            };
        }
        if (result instanceof ChildResult.Failed failed) {
            return user(result, Refusals.isRefusal(failed.error()) ? UserOutcome.REFUSED : UserOutcome.FAILED, record,
                    failed.error(), failed.cause());
        }
        if (result instanceof ChildResult.AlreadyStarted) {
            return user(result, UserOutcome.ALREADY_STARTED, record, null, "an offboarding of this user named "
                    + result.execution() + " was started before, by an earlier fleet execution of run " + fleet.run()
                    + ", so it was not started again; " + (record == null
                        ? "no record of it was found (it may still be starting)"
                        : "its record " + record + " says " + outcomeOf(record)));
        }
        ChildResult.NotRun notRun = (ChildResult.NotRun) result;
        if ("PENDING".equals(notRun.status())) {
            return user(result, UserOutcome.NOT_STARTED, record, null, "its offboarding was never started (the map"
                    + " run ended first)");
        }
        return user(result, UserOutcome.FAILED, record, notRun.error(), "starting its offboarding did not finish ("
                + notRun.status() + (notRun.cause() == null ? "" : ": " + notRun.cause()) + ")");
    }

    private String outcomeOf(String recordKey) {
        try {
            JsonNode record = Json.mapper().readTree(store.get(recordKey).orElse(new byte[0]));
            return record == null ? "nothing (it is empty)" : record.path("outcome").asText("no outcome");
        } catch (IOException e) {
            return "nothing readable (it is not JSON)";
        }
    }

    private static ReportedUser user(ChildResult result, UserOutcome outcome, String record, String error,
                                     String reason) {
        return new ReportedUser(result.userName(), result.accountId(), result.execution(), outcome, record, error,
                reason);
    }
}
