package dev.offboarding.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.iam.IamClients;
import dev.offboarding.json.Json;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.local.LocalFleetRun;
import dev.offboarding.local.LocalFunctions;
import dev.offboarding.local.SdkRetries;
import dev.offboarding.local.WorkflowEvent;
import dev.offboarding.local.WorkflowResult;
import dev.offboarding.local.WorkflowRunner;
import dev.offboarding.removetokens.Pause;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.SimulatedOrganization;
import dev.offboarding.simulator.Throttling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * A fleet offboarding under IAM's limits: the real OffboardFleet definition on the local engine, the real functions
 * over simulated accounts in real time, each account holding its calls to token buckets (one for reads, one for
 * writes) and making changes visible only after a propagation lag. Next to it, the same users offboarded as two
 * known tools pace them, each user through the same single-user workflow: one user at a time in each account
 * (Cloud Custodian's loop over resources, accounts side by side as c7n-org runs them) and one user every 3 s in
 * each account (the Automated Security Response solution's spacing).
 *
 * <p>The floor of a run is the least time IAM's buckets allow for the calls it made: for each bucket, the calls it
 * let through minus its burst, divided by its rate; the largest of them. A run planned first cannot offboard before
 * its approval, so its floor is the plan's (the calls before the approval) plus the offboarding's (those after).
 */
final class FleetThroughput {
    static final String HOME = "123456789012";
    static final List<String> ACCOUNTS = List.of(HOME, "210987654321", "333333333333", "444444444444");
    static final Throttling.Rate READS = Throttling.Rate.of(20, 20);
    static final Throttling.Rate WRITES = Throttling.Rate.of(10, 10);
    static final Duration LAG = Duration.ofSeconds(3);
    static final Duration SPACING = Duration.ofSeconds(3);
    /** STS's calls, logged with the home account's IAM calls but not held to its buckets. */
    private static final java.util.Set<String> STS_OPERATIONS = java.util.Set.of("AssumeRole", "GetCallerIdentity");
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final Duration BOUND = Duration.ofHours(2);

    /** The SDK retry strategy the functions' IAM clients use ({@link SdkRetries}). */
    enum Retries {
        STANDARD(IamClients::retryStrategy),
        ADAPTIVE_V2(AwsRetryStrategy::adaptiveRetryStrategy);

        private final Supplier<RetryStrategy> strategy;

        Retries(Supplier<RetryStrategy> strategy) {
            this.strategy = strategy;
        }

        UnaryOperator<IamClient> clients() {
            return SdkRetries.with(strategy);
        }
    }

    /** How one approach paced the users; {@code users} of {@code planned} were measured (the rest projected). */
    record Result(String approach, int planned, int users, double makespanSeconds, double floorSeconds,
                  int throttled, int deleted, int failedByThrottling, int failed, double acceptedCallsPerUser,
                  double rssJvmMb, double rssEngineMb) {
        boolean projected() {
            return users < planned;
        }

        /** The makespan of all {@code planned} users: measured, or scaled from the users measured. */
        double makespanOfAll() {
            return makespanSeconds * planned / users;
        }

        double floorOfAll() {
            return floorSeconds * planned / users;
        }
    }

    private final Repository repo;

    FleetThroughput(Repository repo) {
        this.repo = repo;
    }

    /**
     * The fleet workflow: each account's users {@code concurrency} at a time (its MaxConcurrencyPath). Nobody approves
     * it and its candidates are within its limits, so it offboards them without dry runs first.
     */
    Result fleet(int usersPerAccount, int concurrency, Retries retries) throws IOException, InterruptedException {
        return fleet("fleet run, " + concurrency + " per account, " + retries, usersPerAccount, usersPerAccount,
                concurrency, retries, false);
    }

    /** The same run planned first: it requires approval, which the benchmark gives as soon as the plan is announced. */
    Result plannedFirst(int usersPerAccount, int concurrency) throws IOException, InterruptedException {
        return fleet("fleet run planned first (approved at once), " + concurrency + " per account, STANDARD",
                usersPerAccount, usersPerAccount, concurrency, Retries.STANDARD, true);
    }

    /** One user at a time in each account: the fleet workflow with one child at a time per account. */
    Result oneAtATime(int usersPerAccount, int measuredPerAccount) throws IOException, InterruptedException {
        return fleet("one user at a time per account", usersPerAccount, measuredPerAccount, 1, Retries.STANDARD,
                false);
    }

    private Result fleet(String approach, int planned, int users, int concurrency, Retries retries, boolean approval)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("fleet-benchmark-");
        Clock clock = clock();
        SimulatedOrganization organization = organization(users, clock);
        LocalFleetRun fleet = new LocalFleetRun(repo.root().resolve("statemachine"), LocalFleetRun.Folders.under(dir));
        LocalFunctions functions = fleet.functions(organization, clock, GuardSettings.defaults(), Pause.REAL,
                retries.clients());
        ObjectNode request = Json.mapper().createObjectNode().put("run", "benchmark-" + System.currentTimeMillis())
                .put("unusedForDays", 90).put("dryRun", false).put("requireApproval", approval)
                .put("maxUsersPerRun", ACCOUNTS.size() * users).put("maxShareOfAccount", 100)
                .put("maxConcurrencyPerAccount", concurrency).put("reason", "benchmark").put("requestedBy", "benchmark");
        ArrayNode accounts = request.putArray("accounts");
        ACCOUNTS.forEach(accounts::add);
        WorkflowRunner.Run run = fleet.run(repo.substitutionValues(), request.toString(), "benchmark-fleet", false);
        AtomicReference<Instant> approvedAt = new AtomicReference<>();
        try (ResidentMemory memory = ResidentMemory.watch()) {
            long started = System.nanoTime();
            Runnable approving = () -> approvedAt.compareAndSet(null, clock.instant());
            WorkflowResult result = new WorkflowRunner(repo.root().resolve("statemachine"), "node", BOUND)
                    .run(run, functions, event -> approveAtOnce(fleet, event, approving));
            double seconds = (System.nanoTime() - started) / 1e9;
            if (!result.succeeded()) {
                throw new IllegalStateException(approach + ": the fleet run failed: " + result.error() + " "
                        + result.cause());
            }
            JsonNode report = report(dir);
            int deleted = report.path("counts").path("byOutcome").path("DELETED").asInt();
            int total = report.path("users").size();
            int byThrottling = report.path("counts").path("byError").path("Offboarding.IamUnavailable").asInt();
            return result(approach, planned * ACCOUNTS.size(), users * ACCOUNTS.size(), seconds, organization,
                    deleted, byThrottling, total - deleted, memory, approvedAt.get());
        }
    }

    /** The approval's task token answered as soon as it is issued, as offboard approve would. */
    private static void approveAtOnce(LocalFleetRun fleet, WorkflowEvent event, Runnable approving) {
        if (!event.ofStartedExecution() || !event.type().equals("TaskTokenIssued")) {
            return;
        }
        approving.run();
        ObjectNode decision = Json.mapper().createObjectNode();
        decision.putObject("output").put("decision", "APPROVED").put("by", "arn:aws:iam::" + HOME + ":user/benchmark")
                .put("at", Instant.now().toString());
        try {
            fleet.decide(event.line().path("token").asText(), decision);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * One user every {@link #SPACING} in each account, each user's offboarding its own OffboardUser execution,
     * started on schedule whether or not the one before has ended.
     */
    Result spaced(int usersPerAccount) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("fleet-benchmark-");
        Clock clock = clock();
        SimulatedOrganization organization = organization(usersPerAccount, clock);
        LocalFleetRun fleet = new LocalFleetRun(repo.root().resolve("statemachine"), LocalFleetRun.Folders.under(dir));
        LocalFunctions functions = fleet.functions(organization, clock, GuardSettings.defaults(), Pause.REAL,
                Retries.STANDARD.clients());
        WorkflowRunner runner = new WorkflowRunner(repo.root().resolve("statemachine"), "node", BOUND);
        Map<String, String> substitutions = repo.substitutionValues();
        ExecutorService executions = Executors.newCachedThreadPool();
        List<Future<WorkflowResult>> results = new ArrayList<>();
        try (ResidentMemory memory = ResidentMemory.watch()) {
            long started = System.nanoTime();
            for (int i = 1; i <= usersPerAccount; i++) {
                long due = started + SPACING.toNanos() * (i - 1);
                long now = System.nanoTime();
                if (due > now) {
                    TimeUnit.NANOSECONDS.sleep(due - now);
                }
                for (String account : ACCOUNTS) {
                    ObjectNode request = Json.mapper().createObjectNode().put("userName", userName(account, i))
                            .put("dryRun", false).put("reason", "benchmark").put("requestedBy", "benchmark");
                    if (!account.equals(HOME)) {
                        request.put("accountId", account);
                    }
                    WorkflowRunner.Run run = new WorkflowRunner.Run(repo.definition(), substitutions,
                            request.toString(), "spaced-" + account + "-" + i, "OffboardUser", false, List.of());
                    results.add(executions.submit(() -> runner.run(run, functions, event -> { })));
                }
            }
            int deleted = 0;
            int byThrottling = 0;
            for (Future<WorkflowResult> future : results) {
                WorkflowResult result;
                try {
                    result = future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a spaced offboarding could not run", e.getCause());
                }
                if (result.succeeded()) {
                    deleted++;
                } else if ("Offboarding.IamUnavailable".equals(result.error())) {
                    byThrottling++;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            int users = usersPerAccount * ACCOUNTS.size();
            return result("one user every " + SPACING.toSeconds() + " s per account", users, users, seconds,
                    organization, deleted, byThrottling, users - deleted, memory, null);
        } finally {
            executions.shutdownNow();
        }
    }

    private static Result result(String approach, int planned, int users, double seconds,
                                 SimulatedOrganization organization, int deleted, int byThrottling, int failed,
                                 ResidentMemory memory, Instant approvedAt) {
        int throttled = 0;
        int accepted = 0;
        double beforeApproval = 0;
        double afterApproval = 0;
        for (IamSimulator account : organization.accounts()) {
            throttled += account.calls().rateLimited().size();
            List<Call> let = account.calls().all().stream().filter(call -> !call.throttled()).toList();
            accepted += let.size();
            Map<Boolean, List<Call>> byPhase = let.stream().filter(call -> !STS_OPERATIONS.contains(call.operation()))
                    .collect(Collectors.partitioningBy(call -> approvedAt != null && call.at().isBefore(approvedAt)));
            beforeApproval = Math.max(beforeApproval, floor(byPhase.get(true)));
            afterApproval = Math.max(afterApproval, floor(byPhase.get(false)));
        }
        return new Result(approach, planned, users, seconds, beforeApproval + afterApproval, throttled, deleted,
                byThrottling, failed, (double) accepted / users, memory.peakJvmMb(), memory.peakEngineMb());
    }

    /** The least time one account's buckets allow for these calls. */
    private static double floor(List<Call> calls) {
        long reads = calls.stream().filter(call -> Throttling.isRead(call.operation())).count();
        long writes = calls.size() - reads;
        return Math.max(Math.max(0, reads - READS.burst()) / READS.perSecond(),
                Math.max(0, writes - WRITES.burst()) / WRITES.perSecond());
    }

    /** The simulator's clock: real time, starting at the world's now. */
    private static Clock clock() {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), NOW));
    }

    /**
     * {@code users} stale users in each account (a password last used and an access key last used in mid-2025), the
     * member accounts trusting the home account's functions with the offboarding role; every account throttled and
     * lagging.
     */
    static SimulatedOrganization organization(int users, Clock clock) {
        ObjectNode world = Json.mapper().createObjectNode();
        ArrayNode accounts = world.putArray("accounts");
        for (String accountId : ACCOUNTS) {
            ObjectNode account = accounts.addObject().put("accountId", accountId).put("now", NOW.toString());
            account.putObject("credentialReport").put("generationSeconds", 0);
            if (accountId.equals(HOME)) {
                account.putObject("caller").put("arn", "arn:aws:sts::" + HOME
                        + ":assumed-role/offboarding-functions/local");
            } else {
                ObjectNode role = account.putArray("roles").addObject().put("roleName",
                        LocalFleetRun.OFFBOARDING_ROLE_NAME);
                ObjectNode statement = role.putObject("assumeRolePolicyDocument").put("Version", "2012-10-17")
                        .putArray("Statement").addObject().put("Effect", "Allow").put("Action", "sts:AssumeRole");
                statement.putObject("Principal").put("AWS", "arn:aws:iam::" + HOME + ":role/offboarding-functions");
            }
            ArrayNode list = account.putArray("users");
            for (int i = 1; i <= users; i++) {
                ObjectNode user = list.addObject().put("userName", userName(accountId, i))
                        .put("createDate", "2025-01-01T00:00:00Z").put("passwordLastUsed", "2025-06-01T00:00:00Z");
                user.putObject("loginProfile").put("createDate", "2025-01-02T00:00:00Z");
                ObjectNode key = user.putArray("accessKeys").addObject()
                        .put("accessKeyId", String.format("AKIAQ%s%07d", accountId.substring(0, 8), i))
                        .put("status", "Active").put("createDate", "2025-01-02T00:00:00Z");
                key.putObject("lastUsed").put("date", "2025-05-01T00:00:00Z").put("serviceName", "s3")
                        .put("region", "eu-west-1");
            }
        }
        SimulatedOrganization organization = SimulatedOrganization.fromWorld(world, clock);
        for (IamSimulator account : organization.accounts()) {
            account.visibilityLag(LAG).throttling(new Throttling(READS, WRITES, Map.of(), Throttling.Buckets.PER_CLASS));
        }
        return organization;
    }

    private static String userName(String accountId, int i) {
        return "stale_" + accountId.substring(0, 3) + "_" + i;
    }


    private static JsonNode report(Path dir) throws IOException {
        try (var files = Files.walk(dir.resolve("records"))) {
            Path report = files.filter(f -> f.getFileName().toString().equals("report.json")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the fleet run wrote no report under " + dir));
            return Json.mapper().readTree(Files.readString(report));
        }
    }

    /** The results as Markdown: each approach's makespan against its floor and against the fleet run's. */
    static String markdown(List<Result> results) {
        Result fleet = results.get(0);
        StringBuilder out = new StringBuilder(String.format(java.util.Locale.ROOT, """
                ## Fleet offboarding under IAM's throttling

                %d users in %d accounts on the simulator, in real time: each account holds its IAM calls to a read
                bucket of %.0f calls per second (burst %d) and a write bucket of %.0f per second (burst %d), and makes
                a change visible %d s after it is made. Every user: a console password and an active access key,
                stale since mid-2025, selected from the credential report. The floor of a run is the least time the
                buckets allow for the calls it made (per bucket: calls let through, less the burst, over the rate; the
                largest). A throttled call is retried by the SDK's retry strategy (the row's; the baselines STANDARD),
                and, when it outlasts it, by the workflow's Retry.

                | approach | users | makespan | floor | makespan / floor | vs the fleet run | throttled calls absorbed | users failed by throttling | other failures | IAM calls per user | peak RSS: JVM + engine |
                |---|---|---|---|---|---|---|---|---|---|---|
                """, fleet.planned(), ACCOUNTS.size(), READS.perSecond(), READS.burst(), WRITES.perSecond(),
                WRITES.burst(), LAG.toSeconds()));
        for (Result r : results) {
            out.append(String.format(java.util.Locale.ROOT,
                    "| %s | %s | %.0f s%s | %.0f s | %.2f | %.2f | %d | %d | %d | %.1f | %.0f + %.0f MiB |%n",
                    r.approach(), r.projected() ? r.users() + " measured of " + r.planned() : "" + r.users(),
                    r.makespanOfAll(), r.projected() ? " (scaled)" : "", r.floorOfAll(),
                    r.makespanSeconds() / r.floorSeconds(), r.makespanOfAll() / fleet.makespanOfAll(), r.throttled(),
                    r.failedByThrottling(), r.failed() - r.failedByThrottling(), r.acceptedCallsPerUser(),
                    r.rssJvmMb(), r.rssEngineMb()));
        }
        return out.append("""

                "vs the fleet run": the approach's makespan over the first row's. "IAM calls per user": the calls IAM
                let through, over the users. A fleet run nobody approves whose candidates are within its limits goes
                straight to offboarding; planned first, each user's dry run comes before (its calls are counted), and
                nothing is offboarded before the approval, so the floor is the plan's plus the offboarding's. Every
                user's offboarding has the same guards either way. Re-measure with
                `./benchmark/run --only fleet` (`--fleet-users N` per account, `--baseline-users N` one at a time,
                scaled to all).
                """).toString();
    }
}
