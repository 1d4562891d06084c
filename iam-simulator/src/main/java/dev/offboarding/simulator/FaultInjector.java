package dev.offboarding.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Makes upcoming calls fail the way AWS sometimes does: throttling and internal server errors. */
public final class FaultInjector {

    /** Matches any operation. */
    public static final String ANY_OPERATION = "*";

    private final Map<String, Integer> throttlesLeft = new HashMap<>();
    private final Map<String, Integer> serverErrorsLeft = new HashMap<>();
    private int throttleEvery;
    private long callsSinceThrottleEverySet;

    FaultInjector() {
    }

    /** The next {@code times} calls of {@code operation} ({@code "*"} = any operation) fail with Throttling. */
    public synchronized void throttle(String operation, int times) {
        throttlesLeft.merge(operation, requireNonNegative(times), Integer::sum);
    }

    /** The next {@code times} calls of {@code operation} ({@code "*"} = any operation) fail with a 500 ServiceFailure. */
    public synchronized void serverError(String operation, int times) {
        serverErrorsLeft.merge(operation, requireNonNegative(times), Integer::sum);
    }

    /** Every {@code n}-th call from now on is throttled; 0 turns this off. */
    public synchronized void throttleEvery(int n) {
        throttleEvery = requireNonNegative(n);
        callsSinceThrottleEverySet = 0;
    }

    /** Decides the fate of one call and consumes the fault it gets, if any. */
    synchronized Optional<Fault> next(String operation) {
        callsSinceThrottleEverySet++;
        if (consume(throttlesLeft, operation) || consume(throttlesLeft, ANY_OPERATION)) {
            return Optional.of(Fault.THROTTLING);
        }
        if (consume(serverErrorsLeft, operation) || consume(serverErrorsLeft, ANY_OPERATION)) {
            return Optional.of(Fault.SERVER_ERROR);
        }
        if (throttleEvery > 0 && callsSinceThrottleEverySet % throttleEvery == 0) {
            return Optional.of(Fault.THROTTLING);
        }
        return Optional.empty();
    }

    private static boolean consume(Map<String, Integer> left, String key) {
        Integer n = left.get(key);
        if (n == null || n == 0) {
            return false;
        }
        left.put(key, n - 1);
        return true;
    }

    private static int requireNonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("must not be negative: " + n);
        }
        return n;
    }
}
