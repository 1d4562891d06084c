package dev.offboarding.fleetrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.BlastRadiusExceededException;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.errors.SelectionFailedException;
import dev.offboarding.fleet.CandidatesFile;
import dev.offboarding.fleet.FleetRequest;
import dev.offboarding.json.RequestReader;
import dev.offboarding.records.RecordStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each stage does (the fleet design's section 5); {@link Reporter} does REPORT. */
final class FleetRun {
    private final RecordStore store;
    private final Clock clock;
    private final FleetSettings settings;
    private final OrganizationAccounts organization;

    FleetRun(RecordStore store, Clock clock, FleetSettings settings, OrganizationAccounts organization) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.organization = organization;
    }

    /** The request validated (strictly, every null refused) with its defaults, and the accounts it selects in. */
    Fleet validate(ValidateInput input) {
        JsonNode raw = input.request();
        if (raw == null || !raw.isObject()) {
            throw new InvalidRequestException("request must be the fleet request, a JSON object such as"
                    + " {\"users\": [\"alice\"]}");
        }
        RequestReader.refuseAnyNull(raw, "request");
        FleetRequest request = RequestReader.read(raw, FleetRequest.class, "request")
                .normalized(input.fleetExecution(), settings.defaults());
        List<String> accounts;
        if (Boolean.TRUE.equals(request.organization())) {
            accounts = organization.activeAccounts().stream().distinct().sorted().toList();
            if (accounts.isEmpty()) {
                throw new SelectionFailedException("organizations:ListAccounts lists no ACTIVE account: a fleet"
                        + " selects in at least one; list them in \"accounts\" instead");
            }
            if (accounts.size() > FleetRequest.MAX_ACCOUNTS) {
                throw new InvalidRequestException("request.organization is true, and the organization has more than "
                        + FleetRequest.MAX_ACCOUNTS + " ACTIVE accounts (organizations:ListAccounts): "
                        + FleetRequest.tooManyAccounts() + ", instead of \"organization\": true");
            }
        } else if (request.accounts() != null) {
            accounts = request.accounts();
        } else {
            accounts = List.of(settings.homeAccountId());
        }
        Fleet fleet = new Fleet(request.run(), input.fleetExecution(), input.startedAt(), request, accounts);
        List<String> problems = fleet.problems();
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return fleet;
    }

    /**
     * Writes {@code F/plan/<accountId>.json}: a dry run of every candidate of each account that has one. When no plan
     * could change what happens (nobody was selected; or nobody approves, it is not a dry run, and the candidates
     * alone are within the limits), writes instead {@code F/plan.json} with every candidate
     * {@link PlanKind#SELECTED} and the offboard phase's items (none when nobody was selected): the dry runs would
     * spend as many IAM reads again as the offboarding, for nothing, and a plan of nobody has nothing to approve.
     */
    ItemsAnswer items(StageInputs.Items input) {
        Fleet fleet = input.fleet();
        List<CandidatesFile> files = candidatesFiles(fleet, input.selected());
        int candidates = files.stream().mapToInt(file -> file.candidates().size()).sum();
        FleetRequest request = fleet.request();
        if (candidates == 0 || (!request.dryRun() && !Boolean.TRUE.equals(request.requireApproval()))) {
            FleetPlan unplanned = Planner.unplanned(fleet, files, clock.instant());
            if (unplanned.limitExceeded() == null) {
                StoredJson.write(store, fleet.keys().plan(), unplanned);
                return new ItemsAnswer(Phase.OFFBOARD, candidates, offboardItems(fleet, unplanned));
            }
        }
        ChildItems children = new ChildItems(fleet, settings.homeAccountId());
        List<PhaseAccount> accounts = new ArrayList<>();
        for (CandidatesFile file : files) {
            if (file.candidates().isEmpty()) {
                continue;
            }
            List<ChildItem> items = file.candidates().stream()
                    .map(candidate -> children.plan(file.accountId(), candidate.userName())).toList();
            accounts.add(written(fleet, Phase.PLAN, file.accountId(), items));
        }
        return new ItemsAnswer(Phase.PLAN, candidates, accounts);
    }

    /**
     * Classifies every user from the plan phase's results, writes {@code F/plan.json}, then (within the limits, or in
     * a dry run) {@code F/offboard/<accountId>.json} for the users it would offboard.
     */
    LimitAnswer limit(StageInputs.Limit input) {
        Fleet fleet = input.fleet();
        FleetKeys keys = fleet.keys();
        List<CandidatesFile> files = candidatesFiles(fleet, input.selected());
        MapRunResults reader = new MapRunResults(store);
        Map<String, Map<String, ChildResult>> results = new LinkedHashMap<>();
        Map<String, String> resultsAt = new LinkedHashMap<>();
        for (CandidatesFile file : files) {
            if (!file.candidates().isEmpty()) {
                String prefix = keys.results(Phase.PLAN, file.accountId());
                results.put(file.accountId(), reader.read(prefix));
                resultsAt.put(file.accountId(), store.describe(prefix));
            }
        }
        FleetPlan plan = new Planner(new ChildRecords(store)).plan(fleet, files, results, resultsAt, clock.instant());
        StoredJson.write(store, keys.plan(), plan);
        if (plan.limitExceeded() != null && !fleet.request().dryRun()) {
            throw new BlastRadiusExceededException(plan.limitExceeded() + " Plan: " + store.describe(keys.plan()));
        }
        return new LimitAnswer(Phase.OFFBOARD, plan.wouldOffboard(), plan.refused(), keys.plan(),
                offboardItems(fleet, plan), plan.limitExceeded());
    }

    /** {@code F/offboard/<accountId>.json} for each account's users the plan offboards. */
    private List<PhaseAccount> offboardItems(Fleet fleet, FleetPlan plan) {
        ChildItems children = new ChildItems(fleet, settings.homeAccountId());
        Map<String, List<ChildItem>> byAccount = new LinkedHashMap<>();
        for (PlannedUser user : plan.users()) {
            if (user.plan().offboards()) {
                byAccount.computeIfAbsent(user.accountId(), a -> new ArrayList<>())
                        .add(children.offboard(user.accountId(), user.userName()));
            }
        }
        List<PhaseAccount> accounts = new ArrayList<>();
        byAccount.forEach((account, items) -> accounts.add(written(fleet, Phase.OFFBOARD, account, items)));
        return accounts;
    }

    private PhaseAccount written(Fleet fleet, Phase phase, String accountId, List<ChildItem> items) {
        FleetKeys keys = fleet.keys();
        String itemsKey = keys.items(phase, accountId);
        StoredJson.writeOmittingNulls(store, itemsKey, items);
        return new PhaseAccount(accountId, store.bucketKey(itemsKey),
                store.bucketKey(keys.results(phase, accountId)).key(), fleet.request().maxConcurrencyPerAccount());
    }

    /** Each selected account's candidates file, in the fleet's order of accounts, checked against its summary. */
    private List<CandidatesFile> candidatesFiles(Fleet fleet, List<Selection> selected) {
        Map<String, Selection> byAccount = new LinkedHashMap<>();
        selected.forEach(selection -> byAccount.put(selection.accountId(), selection));
        List<CandidatesFile> files = new ArrayList<>();
        for (String account : fleet.accounts()) {
            Selection selection = byAccount.get(account);
            CandidatesFile file = StoredJson.read(store, selection.key(), CandidatesFile.class,
                    "the candidates file");
            List<String> problems = CandidatesFiles.problems(file, selection);
            if (!problems.isEmpty()) {
                throw new InvalidRequestException("the candidates file " + store.describe(selection.key())
                        + " is not select-users' for this selection: " + String.join("; ", problems));
            }
            files.add(file);
        }
        return files;
    }
}
