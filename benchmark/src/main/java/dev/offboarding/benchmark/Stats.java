package dev.offboarding.benchmark;

import java.util.Arrays;
import java.util.List;

/** Order statistics of a sample (nearest rank). */
record Stats(double median, double p95, int count) {

    static Stats of(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Stats(rank(sorted, 0.50), rank(sorted, 0.95), sorted.length);
    }

    private static double rank(double[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double median(double... values) {
        return of(Arrays.stream(values).boxed().toList()).median();
    }
}
