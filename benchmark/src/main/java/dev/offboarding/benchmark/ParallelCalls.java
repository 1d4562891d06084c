package dev.offboarding.benchmark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Warm latency with 50 ms per IAM call: sequential (one round trip per call) against what the functions take. */
final class ParallelCalls {
    record Latency(String function, String scenario, int calls, int roundTrips, double sequentialMs,
                   double actualMs) {
    }

    static List<Latency> measure(Repository repo, int iterations) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(ParallelCallsBenchmark.class.getName())
                .forks(1)
                .warmupIterations(3)
                .measurementIterations(iterations)
                .jvmArgsAppend(ColdStart.LAMBDA_JVM_FLAGS.toArray(String[]::new))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Latency> latencies = new ArrayList<>();
        for (RunResult result : results) {
            String function = result.getParams().getParam("function");
            String scenario = result.getParams().getParam("scenario");
            ParallelCallsBenchmark.Case counted = ParallelCallsBenchmark.Case.prepare(repo, function, scenario);
            Functions.invoke(counted.handler(), counted.request());
            int calls = counted.iam().calls().all().size();
            latencies.add(new Latency(function, scenario, calls, counted.iam().calls().roundTrips(),
                    calls * ParallelCallsBenchmark.IAM_LATENCY.toMillis(),
                    result.getPrimaryResult().getStatistics().getPercentile(50)));
        }
        return latencies;
    }
}
