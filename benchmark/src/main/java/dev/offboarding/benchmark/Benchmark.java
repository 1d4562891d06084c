package dev.offboarding.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark: cold start, IAM calls, warm latency with 50 ms per IAM call, and time-to-delete under propagation
 * lag, each against its baseline. Writes {@code benchmark/results/results.md} and {@code time-to-delete.png}.
 *
 * <p>Options: {@code --runs N} cold starts per function and variant (default 15), {@code --iterations N} JMH
 * measurements per case (default 20), {@code --samples N} time-to-delete samples per approach and lag (default
 * 20000), {@code --fleet-users N} users per account in the fleet section (default 250, in 4 accounts),
 * {@code --baseline-users N} of them offboarded one at a time (default 25, scaled), {@code --only no-permission},
 * {@code --only iam-calls} or {@code --only fleet} one measure alone; {@code --only fleet-run} one fleet run
 * ({@code --fleet-users N}, {@code --concurrency N} per account, {@code --retries STANDARD|ADAPTIVE_V2}, or
 * {@code --planned-first} for a run that asks for approval, approved at once).
 */
public final class Benchmark {
    static final double[] LAGS = {0, 2, 10, 30, 60, 120};
    static final long SEED = 20261121L;

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = option(args, "--runs", 15);
        int iterations = option(args, "--iterations", 20);
        int samples = option(args, "--samples", 20_000);
        Repository repo = Repository.find();
        Path out = Files.createDirectories(repo.root().resolve("benchmark/results"));
        if (only(args, "no-permission")) {
            String table = noPermission(repo, option(args, "--runs", 5));
            Files.writeString(out.resolve("time-to-no-permission.md"), table);
            System.out.println(table);
            return;
        }
        if (only(args, "fleet-run")) {
            FleetThroughput measure = new FleetThroughput(repo);
            int users = option(args, "--fleet-users", 250);
            int concurrency = option(args, "--concurrency", 10);
            FleetThroughput.Result result = List.of(args).contains("--planned-first")
                    ? measure.plannedFirst(users, concurrency)
                    : measure.fleet(users, concurrency, FleetThroughput.Retries.valueOf(text(args, "--retries",
                            "STANDARD")));
            System.out.println(FleetThroughput.markdown(List.of(result)));
            return;
        }
        if (only(args, "fleet")) {
            String table = fleet(repo, option(args, "--fleet-users", 250), option(args, "--baseline-users", 25));
            Files.writeString(out.resolve("fleet.md"), table);
            System.out.println(table);
            return;
        }
        if (only(args, "iam-calls")) {
            for (IamCallCounts.Count count : List.of(
                    IamCallCounts.offboard("little-tester", repo.scenario("little-tester"), "little_tester"),
                    IamCallCounts.offboard("every-blocker", repo.scenario("every-blocker"), "every_blocker"))) {
                System.out.println(count);
            }
            return;
        }

        List<ColdStart.Result> coldStarts = new ArrayList<>();
        List<ColdStart.FirstInvocation> firstInvocations = new ArrayList<>();
        ColdStart coldStart = new ColdStart(repo);
        for (ColdStart.Function function : ColdStart.functions(repo)) {
            log("cold start: " + function.name() + ", " + runs + " runs of each");
            coldStarts.add(coldStart.measure(function, runs));
            log("first invocation after priming: " + function.name() + ", " + runs + " runs of each");
            firstInvocations.add(coldStart.firstInvocation(function, runs));
        }

        log("IAM calls per offboarding");
        List<IamCallCounts.Count> counts = List.of(
                IamCallCounts.offboard("little-tester", repo.scenario("little-tester"), "little_tester"),
                IamCallCounts.offboard("every-blocker", repo.scenario("every-blocker"), "every_blocker"));

        log("warm latency with " + ParallelCallsBenchmark.IAM_LATENCY.toMillis() + " ms per IAM call (JMH)");
        List<ParallelCalls.Latency> latencies = ParallelCalls.measure(repo, iterations);

        double callSeconds = latencies.stream().filter(l -> l.function().equals("delete-user")).mapToDouble(
                ParallelCalls.Latency::actualMs).max().orElse(50) / 1000;
        DeletionSchedule schedule = DeletionSchedule.read(repo.definition(), repo.substitutions());
        TimeToDelete model = new TimeToDelete(schedule, callSeconds);
        List<TimeToDelete.Outcome> outcomes = new ArrayList<>();
        for (TimeToDelete.Approach approach : TimeToDelete.Approach.values()) {
            for (double lag : LAGS) {
                outcomes.add(model.sample(approach, lag, samples, SEED + (long) lag));
            }
        }
        LagChart.write(outcomes, out.resolve("time-to-delete.png"));

        String report = new ResultsReport(Machine.describe(), coldStarts, firstInvocations, counts, latencies,
                schedule, callSeconds, outcomes, runs, samples).markdown();
        log("time to no permission left, " + Math.max(3, runs / 3) + " runs per lag and mode");
        report = report + "\n" + noPermission(repo, Math.max(3, runs / 3));
        report = report + "\n" + fleet(repo, option(args, "--fleet-users", 250), option(args, "--baseline-users", 25));
        Files.writeString(out.resolve("results.md"), report);
        System.out.println(report);
        log("wrote " + repo.root().relativize(out.resolve("results.md")) + " and "
                + repo.root().relativize(out.resolve("time-to-delete.png")));
    }

    /** Seconds from an offboarding's start until a live session has no permission left, at lags 0, 3 and 10 s. */
    private static String noPermission(Repository repo, int runs) throws Exception {
        TimeToNoPermission measure = new TimeToNoPermission(repo);
        List<TimeToNoPermission.Result> results = new ArrayList<>();
        for (String mode : List.of("LOCK_OUT", "REMOVE")) {
            for (double lag : new double[] {0, 3, 10}) {
                log("time to no permission left: " + mode + ", lag " + lag + " s, " + runs + " runs");
                results.add(measure.measure(mode, lag, runs));
            }
        }
        return TimeToNoPermission.markdown(results);
    }

    /**
     * The fleet under IAM's token buckets: {@code usersPerAccount} in each of 4 accounts, the fleet run at the
     * default concurrency (10 per account) with the SDK's STANDARD retries, then with ADAPTIVE_V2, at 5 per account,
     * and planned first (approved at once); one user every 3 s per account, and one user at a time per account
     * measured on {@code baselineUsers} per account and scaled (all of them would take hours).
     */
    private static String fleet(Repository repo, int usersPerAccount, int baselineUsers) throws Exception {
        FleetThroughput measure = new FleetThroughput(repo);
        List<FleetThroughput.Result> results = new ArrayList<>();
        record Variant(int concurrency, FleetThroughput.Retries retries) {
        }
        for (Variant variant : List.of(new Variant(10, FleetThroughput.Retries.STANDARD),
                new Variant(10, FleetThroughput.Retries.ADAPTIVE_V2), new Variant(5, FleetThroughput.Retries.STANDARD))) {
            log("fleet: " + usersPerAccount + " users in each of 4 accounts, " + variant.concurrency()
                    + " per account, " + variant.retries());
            results.add(logged(measure.fleet(usersPerAccount, variant.concurrency(), variant.retries())));
        }
        log("fleet: planned first, approved at once, 10 per account");
        results.add(logged(measure.plannedFirst(usersPerAccount, 10)));
        log("fleet: one user every 3 s per account");
        results.add(logged(measure.spaced(usersPerAccount)));
        log("fleet: one user at a time per account, " + Math.min(baselineUsers, usersPerAccount) + " per account");
        results.add(logged(measure.oneAtATime(usersPerAccount, Math.min(baselineUsers, usersPerAccount))));
        return FleetThroughput.markdown(results);
    }

    private static FleetThroughput.Result logged(FleetThroughput.Result result) {
        log(result.toString());
        return result;
    }

    /** {@code --only name}: run that measure alone. */
    private static boolean only(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--only") && args[i + 1].equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String text(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int option(String[] args, String name, int fallback) {
        String value = text(args, name, null);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static void log(String message) {
        System.err.println("[benchmark] " + message);
    }

    /** The machine the figures come from. */
    record Machine(int processors, String cpu, String jdk, String os, LocalDate date) {
        static Machine describe() {
            String cpu = "unknown CPU";
            try {
                cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
            } catch (Exception e) {
                // not Linux: leave it unknown
            }
            return new Machine(Runtime.getRuntime().availableProcessors(), cpu,
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"), LocalDate.now());
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d cores (`nproc`), %s, %s, %s, %s", processors, cpu, jdk, os, date);
        }
    }
}
