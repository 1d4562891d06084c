package dev.offboarding.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When the user is deleted after a propagation lag L, sampled many times (seeded). Time 0 is RemoveTokens' answer;
 * IAM accepts DeleteUser from L on; each Lambda call takes {@code callSeconds} (measured). Overshoot = completion - L.
 *
 * <ul>
 *   <li>workflow: the definition's WaitForPropagation, then DeleteUser under its Retry (jittered waits), then up to
 *   {@code sweeps} more rounds (ListTokens, RemoveTokens, WaitForPropagation, DeleteUser with a fresh Retry);</li>
 *   <li>fixed sleep: 45 s, then one DeleteUser (the usual advice);</li>
 *   <li>no retry: one DeleteUser right away (as Terraform's force_destroy does).</li>
 * </ul>
 */
final class TimeToDelete {
    static final double FIXED_SLEEP_SECONDS = 45;

    enum Approach {
        WORKFLOW("this workflow"), FIXED_SLEEP_45("fixed 45 s sleep"), NO_RETRY("one DeleteUser, no retry");

        final String label;

        Approach(String label) {
            this.label = label;
        }
    }

    record Outcome(Approach approach, double lagSeconds, Stats overshoot, double failureRate, double medianCalls) {
    }

    private final DeletionSchedule schedule;
    private final double callSeconds;

    TimeToDelete(DeletionSchedule schedule, double callSeconds) {
        this.schedule = schedule;
        this.callSeconds = callSeconds;
    }

    Outcome sample(Approach approach, double lag, int runs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Double> overshoots = new ArrayList<>();
        List<Double> calls = new ArrayList<>();
        int failures = 0;
        for (int i = 0; i < runs; i++) {
            double[] run = switch (approach) {
                case WORKFLOW -> workflow(lag, random);
                case FIXED_SLEEP_45 -> single(FIXED_SLEEP_SECONDS, lag);
                case NO_RETRY -> single(0, lag);
            };
            if (run == null) {
                failures++;
            } else {
                overshoots.add(run[0] - lag);
                calls.add(run[1]);
            }
        }
        double medianCalls = calls.isEmpty() ? Double.NaN : Stats.of(calls).median();
        return new Outcome(approach, lag, Stats.of(overshoots), failures / (double) runs, medianCalls);
    }

    /** {completion time, DeleteUser calls}, or null when the user was never deleted. */
    private double[] workflow(double lag, SplittableRandom random) {
        List<Double> caps = schedule.retryCaps();
        double t = 0;
        int calls = 0;
        for (int round = 0; round <= schedule.sweeps(); round++) {
            if (round > 0) {
                t += 2 * callSeconds; // the sweep's ListTokens and RemoveTokens
            }
            t += schedule.propagationWaitSeconds();
            for (int attempt = 0; attempt <= caps.size(); attempt++) {
                calls++;
                if (t >= lag) {
                    return new double[] {t + callSeconds, calls};
                }
                if (attempt == caps.size()) {
                    break;
                }
                double cap = caps.get(attempt);
                t += callSeconds + (schedule.fullJitter() ? random.nextDouble() * cap : cap);
            }
        }
        return null;
    }

    private double[] single(double callAt, double lag) {
        return callAt >= lag ? new double[] {callAt + callSeconds, 1} : null;
    }
}
