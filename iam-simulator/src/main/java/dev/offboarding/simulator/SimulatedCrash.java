package dev.offboarding.simulator;

/**
 * The calling process died ({@link FaultInjector#crashAfter}). An {@link Error}, not an exception: nothing in the code
 * under test catches it as a failure it could report, retry or record, so it unwinds the caller as a crash would.
 */
public final class SimulatedCrash extends Error {
    SimulatedCrash(String message) {
        super(message, null, false, false);
    }
}
