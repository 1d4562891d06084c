package dev.offboarding.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Makes upcoming calls fail the way AWS sometimes does (throttling and internal server errors), or as an
 * organization's service control policy makes them fail ({@link #deny}), or the caller die right after a call took
 * effect ({@link #crashAfter}).
 */
public final class FaultInjector {

    /** Matches any operation. */
    public static final String ANY_OPERATION = "*";
    private static final int UNTIL_LIFTED = Integer.MAX_VALUE;
    /** STS answers GetCallerIdentity whatever any policy says, as AWS does. */
    private static final String NEVER_DENIED = "GetCallerIdentity";

    private final Map<String, Integer> throttlesLeft = new HashMap<>();
    private final Map<String, Integer> serverErrorsLeft = new HashMap<>();
    /** Denials left per operation; {@link #UNTIL_LIFTED} for a standing one. */
    private final Map<String, Integer> denialsLeft = new HashMap<>();
    private int throttleEvery;
    private long callsSinceThrottleEverySet;
    private Predicate<Call> crashPoint;
    private Runnable dying;
    private Call crashedAfter;

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

    /**
     * Every call of {@code operation} ({@code "*"} = any operation but GetCallerIdentity, which no policy can deny)
     * fails before it takes effect with AccessDenied (HTTP 403), as when a service control policy of the caller's
     * organization denies it: "User: &lt;caller&gt; is not authorized to perform: iam:&lt;Operation&gt; on resource:
     * &lt;resource&gt; with an explicit deny in a service control policy". Until {@link #stopDenying} or
     * {@link #restart()}.
     */
    public synchronized void deny(String operation) {
        denialsLeft.put(deniable(operation), UNTIL_LIFTED);
    }

    /** The same, for the next {@code times} calls of {@code operation} only. */
    public synchronized void deny(String operation, int times) {
        denialsLeft.merge(deniable(operation), requireNonNegative(times),
                (left, more) -> left == UNTIL_LIFTED ? UNTIL_LIFTED : left + more);
    }

    /** Calls of {@code operation} are no longer denied (a denial of {@code "*"} is lifted by {@code "*"} only). */
    public synchronized void stopDenying(String operation) {
        denialsLeft.remove(Objects.requireNonNull(operation, "operation"));
    }

    /** Every {@code n}-th call from now on is throttled; 0 turns this off. */
    public synchronized void throttleEvery(int n) {
        throttleEvery = requireNonNegative(n);
        callsSinceThrottleEverySet = 0;
    }

    /**
     * The caller dies right after the next successful call of {@code operation}: that call takes effect and is
     * logged, then {@code dying} runs (the test stops what else the dead process was, e.g. the workflow engine) and
     * the call throws {@link SimulatedCrash} instead of answering. From then on every call throws it before it
     * reaches IAM and is not logged, as a dead process's calls never arrive, until {@link #restart()}. Calls made by
     * afterCall hooks are never the crash point.
     */
    public void crashAfter(String operation, Runnable dying) {
        Objects.requireNonNull(operation, "operation");
        crashAfter(call -> call.operation().equals(operation), dying);
    }

    /** The same, right after the next successful call that {@code point} matches (e.g. by its target). */
    public synchronized void crashAfter(Predicate<Call> point, Runnable dying) {
        if (crashPoint != null || crashedAfter != null) {
            throw new IllegalStateException("a crash is already set or has happened: restart() first");
        }
        this.crashPoint = Objects.requireNonNull(point, "point");
        this.dying = Objects.requireNonNull(dying, "dying");
    }

    /** The call the caller died after, if it has. */
    public synchronized Optional<Call> crashedAfter() {
        return Optional.ofNullable(crashedAfter);
    }

    /** A new process makes the calls: they are served again, no crash is set, and no call is denied. */
    public synchronized void restart() {
        crashPoint = null;
        dying = null;
        crashedAfter = null;
        denialsLeft.clear();
    }

    /** Throws {@link SimulatedCrash} if the caller has died: its call never arrives. */
    synchronized void refuseIfCrashed(String operation) {
        if (crashedAfter != null) {
            throw new SimulatedCrash(operation + " was never sent: the caller died after "
                    + crashedAfter.operation() + " " + crashedAfter.target());
        }
    }

    /** After {@code call} succeeded: the caller dies here if it is the crash point. */
    synchronized void crashIfAt(Call call) {
        if (crashPoint == null || !crashPoint.test(call)) {
            return;
        }
        crashedAfter = call;
        crashPoint = null;
        Runnable stop = dying;
        dying = null;
        stop.run();
        throw new SimulatedCrash("the caller died right after " + call.operation() + " " + call.target()
                + " took effect");
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
        if (!operation.equals(NEVER_DENIED)
                && (consume(denialsLeft, operation) || consume(denialsLeft, ANY_OPERATION))) {
            return Optional.of(Fault.SERVICE_CONTROL_POLICY_DENY);
        }
        return Optional.empty();
    }

    private static String deniable(String operation) {
        if (NEVER_DENIED.equals(Objects.requireNonNull(operation, "operation"))) {
            throw new IllegalArgumentException(NEVER_DENIED + " cannot be denied: AWS answers it whatever any "
                    + "policy says");
        }
        return operation;
    }

    private static boolean consume(Map<String, Integer> left, String key) {
        Integer n = left.get(key);
        if (n == null || n == 0) {
            return false;
        }
        if (n != UNTIL_LIFTED) {
            left.put(key, n - 1);
        }
        return true;
    }

    private static int requireNonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("must not be negative: " + n);
        }
        return n;
    }
}
