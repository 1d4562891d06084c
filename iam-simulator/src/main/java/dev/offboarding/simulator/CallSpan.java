package dev.offboarding.simulator;

/**
 * When one call was in flight, on {@link System#nanoTime()}: from the moment it reached the simulator (before any
 * injected latency) to its answer. Concurrent callers' spans overlap; sequential ones do not.
 */
public record CallSpan(String operation, long startNanos, long endNanos) {

    boolean endsBefore(CallSpan other) {
        return endNanos <= other.startNanos;
    }
}
