package dev.offboarding.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How fast IAM lets one account call it: token buckets, as IAM throttles, one per (account, API) by default. A call
 * that finds its bucket empty is refused before it takes effect with IAM's answer, HTTP 400 {@code Throttling}
 * "Rate exceeded". Buckets start full and refill continuously on the simulator's clock.
 *
 * <ul>
 *   <li>{@code read}: the rate of every Get* and List* API without a rate of its own; null = not throttled.</li>
 *   <li>{@code write}: the same for every other API (GenerateCredentialReport included).</li>
 *   <li>{@code operations}: APIs with a rate of their own, e.g. {@code "GetCredentialReport"}; each always has its
 *       own bucket.</li>
 *   <li>{@code buckets}: {@link Buckets#PER_OPERATION} (the default, as IAM does): every API has its own bucket at its
 *       class's rate; {@link Buckets#PER_CLASS}: the APIs of a class without a rate of their own share one bucket.</li>
 * </ul>
 * STS calls are not throttled by it (another service).
 */
public record Throttling(Rate read, Rate write, Map<String, Rate> operations, Buckets buckets) {

    /** No throttling at all: the default. */
    public static final Throttling NONE = new Throttling(null, null, Map.of(), Buckets.PER_OPERATION);

    public Throttling {
        operations = Map.copyOf(Objects.requireNonNull(operations, "operations"));
        Objects.requireNonNull(buckets, "buckets");
    }

    /** Every read API, and every write API, at these rates, each API with its own bucket. */
    public static Throttling perOperation(Rate read, Rate write) {
        return new Throttling(read, write, Map.of(), Buckets.PER_OPERATION);
    }

    /** The same, with {@code operation} (e.g. "GetCredentialReport") at a rate of its own. */
    public Throttling operation(String operation, Rate rate) {
        Map<String, Rate> more = new LinkedHashMap<>(operations);
        more.put(Objects.requireNonNull(operation, "operation"), Objects.requireNonNull(rate, "rate"));
        return new Throttling(read, write, more, buckets);
    }

    /** The same, with the other way of sharing buckets. */
    public Throttling buckets(Buckets sharing) {
        return new Throttling(read, write, operations, sharing);
    }

    /** Get* and List* read; everything else writes (as IAM's quotas class them). */
    public static boolean isRead(String operation) {
        return operation.startsWith("Get") || operation.startsWith("List");
    }

    /** The rate {@code operation} is held to, or null when it is not throttled. */
    Rate rateOf(String operation) {
        Rate own = operations.get(operation);
        if (own != null) {
            return own;
        }
        return isRead(operation) ? read : write;
    }

    /** The bucket {@code operation} draws from. */
    String bucketOf(String operation) {
        if (buckets == Buckets.PER_OPERATION || operations.containsKey(operation)) {
            return operation;
        }
        return isRead(operation) ? "read" : "write";
    }

    /**
     * A bucket's refill rate (tokens per second, more than 0) and its size (the burst: calls that may go at once,
     * at least 1).
     */
    public record Rate(double perSecond, int burst) {

        public Rate {
            if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("rate must be a number of calls per second above 0: " + perSecond);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be at least 1: " + burst);
            }
        }

        public static Rate of(double perSecond, int burst) {
            return new Rate(perSecond, burst);
        }
    }

    /** Which calls share a bucket. */
    public enum Buckets {
        /** One bucket per (account, API). */
        PER_OPERATION,
        /** One bucket per (account, read or write), except APIs with a rate of their own. */
        PER_CLASS
    }
}
