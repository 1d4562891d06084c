package dev.offboarding.simulator;

/**
 * When one call was in flight, on the simulator's logical clock of calls: every call's arrival (before any injected
 * latency or hold) and its answer each take the next tick, so {@code arrived < answered}, and of two calls one
 * answered before the other arrived exactly when they did not overlap. No wall clock is involved: a slow machine
 * gives the same spans for the same interleaving.
 */
public record CallSpan(String operation, long arrived, long answered) {

    boolean endsBefore(CallSpan other) {
        return answered < other.arrived;
    }
}
