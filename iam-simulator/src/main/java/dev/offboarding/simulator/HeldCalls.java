package dev.offboarding.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Holds every call in flight, once it has reached the simulator and before it is served, until the test releases
 * it: a test sees which calls are in flight together without counting on time ({@link IamSimulator#holdCalls()}).
 * Calls made by afterCall hooks are not held (they are part of the scenario, and run under the simulator's lock).
 *
 * <pre>{@code
 * try (HeldCalls held = simulator.holdCalls()) {
 *     ... start the code under test on another thread ...
 *     assertEquals(List.of("GetUser"), held.awaitHeld(1, PATIENCE));   // the first round: GetUser alone
 *     held.release();
 *     assertEquals(9, held.awaitHeld(9, PATIENCE).size());             // the second: nine lists side by side
 *     held.release();
 * }
 * }</pre>
 * Thread-safe.
 */
public final class HeldCalls implements AutoCloseable {
    private final Runnable onClose;
    private final List<String> held = new ArrayList<>();
    private long releases;
    private boolean closed;

    HeldCalls(Runnable onClose) {
        this.onClose = onClose;
    }

    /**
     * Waits until at least {@code n} calls are held and answers their operations, in the order they arrived. The
     * calls stay held. {@code patience} only bounds how long a test of broken code waits before it fails: with code
     * that makes the calls, they arrive whatever the machine's speed.
     *
     * @throws IllegalStateException if fewer than {@code n} calls are held after {@code patience}, naming those that are
     */
    public List<String> awaitHeld(int n, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (this) {
            while (held.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("expected " + n + " calls in flight together; after " + patience
                            + " only " + held.size() + " had arrived: " + held);
                }
                try {
                    wait(left / 1_000_000 + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for held calls", e);
                }
            }
            return List.copyOf(held);
        }
    }

    /** The operations held now, in the order they arrived. */
    public synchronized List<String> held() {
        return List.copyOf(held);
    }

    /** Lets the calls held now be served and answers their operations; calls that arrive later are held again. */
    public synchronized List<String> release() {
        List<String> released = List.copyOf(held);
        held.clear();
        releases++;
        notifyAll();
        return released;
    }

    /** Releases the held calls and holds no more. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            held.clear();
            notifyAll();
        }
        onClose.run();
    }

    /** Called by each call on its way in: returns once the test has released it. */
    void hold(String operation) {
        Objects.requireNonNull(operation, "operation");
        synchronized (this) {
            if (closed) {
                return;
            }
            long arrivedBefore = releases;
            held.add(operation);
            notifyAll();
            while (!closed && releases == arrivedBefore) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    held.remove(operation);
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while held in flight", e);
                }
            }
        }
    }
}
