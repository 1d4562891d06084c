package dev.offboarding.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The results table, in Markdown, with each target and whether it was met. */
record ResultsReport(Benchmark.Machine machine, List<ColdStart.Result> coldStarts,
                     List<ColdStart.FirstInvocation> firstInvocations, List<IamCallCounts.Count> counts,
                     List<ParallelCalls.Latency> latencies, DeletionSchedule schedule, double callSeconds,
                     List<TimeToDelete.Outcome> outcomes, int runs, int samples) {
    static final double COLD_START_TARGET = 0.6;
    static final long ARTIFACT_LIMIT_BYTES = 10L * 1024 * 1024;
    static final int CALLS_OVER_MINIMUM = 2;
    static final int LIST_TOKENS_ROUND_TRIPS = 3;

    String markdown() {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        md.append("Machine: ").append(machine).append(".\n");
        md.append("Command: `./benchmark/run` (").append(runs).append(" cold starts per function and variant, ")
                .append(samples).append(" time-to-delete samples per approach and lag).\n\n");

        md.append("## Cold start\n\nWhole process, fresh JVM per run with the java21 runtime's flags (`")
                .append(String.join(" ", ColdStart.LAMBDA_JVM_FLAGS)).append("`): handler constructed from the "
                        + "environment, one request served over HTTP by the simulator (little_tester), until the "
                        + "answer. Baseline: the same IAM calls with `IamClient.builder()` defaults (the SDK's default "
                        + "HTTP client, apache5-client, and the default credential and region chains), packaged the "
                        + "same way. Target: at most "
                        + COLD_START_TARGET + " x the baseline; artifact under 10 MiB.\n\n");
        md.append("| function | median ms | baseline median ms | ratio | target met | artifact | baseline artifact |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (ColdStart.Result r : coldStarts) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %s | %s | %s |%n", r.function(),
                    r.productMedian(), r.baselineMedian(), r.ratio(), yes(r.ratio() <= COLD_START_TARGET)
                            + (r.productJarBytes() < ARTIFACT_LIMIT_BYTES ? "" : ", artifact too large"),
                    mib(r.productJarBytes()), mib(r.baselineJarBytes())));
        }

        md.append("\n## First invocation after SnapStart priming\n\nThe same fresh JVM and request, timed inside the "
                + "JVM from the request to the answer, after the handler was constructed and, for the product, its "
                + "SnapStart priming ran as before a snapshot (the baseline has no priming): what a restored "
                + "snapshot serves first, restore time aside. Classes: those the request itself loaded.\n\n");
        md.append("| function | median ms | classes | baseline median ms | baseline classes | ratio |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (ColdStart.FirstInvocation f : firstInvocations) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %.0f | %d | %.2f |%n", f.function(),
                    f.productMedian(), f.productClasses(), f.baselineMedian(), f.baselineClasses(), f.ratio()));
        }

        md.append("\n## IAM calls per offboarding\n\nListTokens, RemoveTokens (REMOVE) and DeleteUser with no "
                + "propagation lag, counted in the simulator's log. Minimum: one list per kind (9), the calls IAM "
                + "requires per item (2 for a virtual MFA device), one DeleteUser. Target: within "
                + CALLS_OVER_MINIMUM + " of the minimum; no account-wide call.\n\n");
        md.append("| user | items | calls | minimum | over | account-wide calls | target met | calls beyond the minimum |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (IamCallCounts.Count c : counts) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %s | %s |%n", c.scenario(), c.items(),
                    c.actual(), c.minimum(), c.overMinimum(), c.accountWideCalls(),
                    yes(c.overMinimum() <= CALLS_OVER_MINIMUM && c.accountWideCalls() == 0), extras(c)));
        }

        md.append("\n## Warm latency with ").append(ParallelCallsBenchmark.IAM_LATENCY.toMillis())
                .append(" ms per IAM call\n\nJMH, single-shot, a fresh world per invocation, median. Sequential = "
                        + "one round trip per call. Round trips = the longest chain of calls each started after the "
                        + "previous answered (simulator's call spans). Target: list-tokens at most "
                        + LIST_TOKENS_ROUND_TRIPS + " round trips.\n\n");
        md.append("| function | user | IAM calls | sequential ms | actual ms | round trips | target met |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (ParallelCalls.Latency l : latencies) {
            String met = l.function().equals("list-tokens") ? yes(l.roundTrips() <= LIST_TOKENS_ROUND_TRIPS) : "-";
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f | %d | %s |%n", l.function(),
                    l.scenario(), l.calls(), l.sequentialMs(), l.actualMs(), l.roundTrips(), met));
        }

        md.append(String.format(Locale.ROOT, "%n## Time to delete under propagation lag%n%nFrom the definition: "
                        + "WaitForPropagation %.0f s; DeleteUser Retry IntervalSeconds %.0f, BackoffRate %.0f, "
                        + "MaxDelaySeconds %.0f, MaxAttempts %d, JitterStrategy %s; %d sweeps. Each Lambda call %.3f s "
                        + "(delete-user's measured warm latency). %d seeded samples per cell. Overshoot = completion - L, "
                        + "in seconds; target for this workflow: median at most 0.25 L + 3 s and no failure.%n%n",
                schedule.propagationWaitSeconds(), schedule.intervalSeconds(), schedule.backoffRate(),
                schedule.maxDelaySeconds(), schedule.maxAttempts(), schedule.jitter(), schedule.sweeps(), callSeconds,
                samples));
        md.append("| approach | L (s) | median overshoot | p95 overshoot | failures | median DeleteUser calls | limit 0.25 L + 3 | target met |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (TimeToDelete.Outcome o : outcomes) {
            double limit = 0.25 * o.lagSeconds() + 3;
            boolean met = o.failureRate() == 0 && o.overshoot().median() <= limit;
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %.1f %% | %s | %.1f | %s |%n",
                    o.approach().label, o.lagSeconds(), seconds(o.overshoot().median()), seconds(o.overshoot().p95()),
                    100 * o.failureRate(), Double.isNaN(o.medianCalls()) ? "-" : String.format(Locale.ROOT, "%.0f",
                            o.medianCalls()), limit, yes(met)));
        }
        md.append("\n![time to delete against lag](time-to-delete.png)\n");
        return md.toString();
    }

    private static String extras(IamCallCounts.Count c) {
        return c.byOperation().entrySet().stream()
                .filter(e -> List.of("GetUser", "GetAccessKeyLastUsed", "GetUserPolicy", "UpdateAccessKey")
                        .contains(e.getKey()))
                .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String yes(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / 1024.0 / 1024.0);
    }
}
