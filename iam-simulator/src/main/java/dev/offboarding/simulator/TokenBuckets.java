package dev.offboarding.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One account's token buckets ({@link Throttling}), refilled on the simulator's clock, which may be a test's
 * {@link MutableClock} or the real one. Thread-safe.
 */
final class TokenBuckets {

    private final Clock clock;
    private Throttling throttling = Throttling.NONE;
    private final Map<String, Bucket> buckets = new HashMap<>();

    TokenBuckets(Clock clock) {
        this.clock = clock;
    }

    /** New rates; every bucket starts full again. */
    synchronized void configure(Throttling rates) {
        throttling = Objects.requireNonNull(rates, "throttling");
        buckets.clear();
    }

    synchronized Throttling throttling() {
        return throttling;
    }

    /** Takes a token for one call of {@code operation}; false when its bucket is empty (the call is throttled). */
    synchronized boolean tryTake(String operation) {
        Throttling.Rate rate = throttling.rateOf(operation);
        if (rate == null) {
            return true;
        }
        Instant now = clock.instant();
        return buckets.computeIfAbsent(throttling.bucketOf(operation), name -> new Bucket(rate, now)).tryTake(now);
    }

    private static final class Bucket {
        private final Throttling.Rate rate;
        private double tokens;
        private Instant refilledAt;

        Bucket(Throttling.Rate rate, Instant now) {
            this.rate = rate;
            this.tokens = rate.burst();
            this.refilledAt = now;
        }

        boolean tryTake(Instant now) {
            if (now.isAfter(refilledAt)) {
                double seconds = Duration.between(refilledAt, now).toNanos() / 1e9;
                tokens = Math.min(rate.burst(), tokens + seconds * rate.perSecond());
                refilledAt = now;
            }
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
