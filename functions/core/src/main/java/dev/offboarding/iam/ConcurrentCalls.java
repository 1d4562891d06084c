package dev.offboarding.iam;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;

/**
 * Runs independent IAM calls side by side, so that a function's critical path is a few round trips rather than
 * one per call. The pool is bounded (IAM throttles bursts) and shared by the whole container: built once, its
 * threads live across invocations (and across a SnapStart snapshot, idle).
 */
public final class ConcurrentCalls {
    /**
     * At most this many calls of one container are in flight at once: enough for list-tokens' nine lists in one
     * round trip, few enough to stay clear of IAM's throttling.
     */
    public static final int MAX_IN_FLIGHT = 10;

    private static final ThreadPoolExecutor POOL = pool();

    private ConcurrentCalls() {
    }

    /**
     * Runs every call and waits for all of them; the answers come in the order of {@code calls}.
     *
     * <p>It returns or throws only once no call is running any more, whatever happened: a caller may rely on none
     * of them still changing anything (remove-tokens starts removing only after the lock-out has finished). A
     * failed call does not stop the others (each is idempotent, so the ones that succeeded need no undoing). If any
     * failed, one failure is thrown, with every other attached to it as suppressed: the first {@link Error} in the
     * order of {@code calls} if there is one (an Error is never hidden behind an exception), else the first failure
     * in that order. A checked exception (thrown sneakily) arrives wrapped in a {@link CompletionException}.
     *
     * <p>If the calling thread is interrupted before or while it waits, the calls that have not started are not
     * started, the running ones are interrupted, and {@code all} still waits until those have stopped. Then, with
     * the thread's interrupt status set again, it throws {@link CancellationException} (the failures attached as
     * suppressed) if a call was left out, or answers as above if every call had run.
     *
     * <p>A single call runs on the calling thread.
     */
    public static <T> List<T> all(List<Supplier<T>> calls) {
        return all(calls, POOL);
    }

    /** {@link #all(List)} on {@code executor} instead of the container's pool (tests decide where each call runs). */
    static <T> List<T> all(List<Supplier<T>> calls, Executor executor) {
        if (calls.size() <= 1) {
            return calls.stream().map(Supplier::get).toList();
        }
        return new Batch<>(calls).run(executor);
    }

    /** True if no thread of the container's pool is idle (tests check the bound with it). */
    static boolean everyThreadBusy() {
        return POOL.getActiveCount() == POOL.getPoolSize();
    }

    /** How many calls are waiting for a free thread of the container's pool (tests check the bound with it). */
    static int waitingForAThread() {
        return POOL.getQueue().size();
    }

    /** One {@link #all} call: each call is started at most once, by a pool thread, or never if the caller stops it. */
    private static final class Batch<T> {
        private static final int NEW = 0;
        private static final int STARTED = 1;
        private static final int LEFT_OUT = 2;

        private final List<Supplier<T>> calls;
        private final Object[] answers;
        private final Throwable[] failures;
        private final AtomicIntegerArray states;
        private final FutureTask<?>[] tasks;
        private final CountDownLatch finished;

        Batch(List<Supplier<T>> calls) {
            this.calls = List.copyOf(calls);
            this.answers = new Object[calls.size()];
            this.failures = new Throwable[calls.size()];
            this.states = new AtomicIntegerArray(calls.size());
            this.tasks = new FutureTask<?>[calls.size()];
            this.finished = new CountDownLatch(calls.size());
        }

        List<T> run(Executor executor) {
            for (int i = 0; i < calls.size(); i++) {
                int index = i;
                // A FutureTask only for cancel(true): it interrupts its thread while, and only while, it runs.
                tasks[i] = new FutureTask<>(() -> call(index), null);
                try {
                    executor.execute(tasks[i]);
                } catch (RejectedExecutionException e) {
                    if (states.compareAndSet(i, NEW, LEFT_OUT)) {
                        failures[i] = e;
                        finished.countDown();
                    }
                }
            }
            boolean interrupted = false;
            boolean leftOut = false;
            while (true) {
                try {
                    finished.await();
                    break;
                } catch (InterruptedException e) {
                    if (!interrupted) {
                        interrupted = true;
                        leftOut = stopTheOthers();
                    }
                }
            }
            // finished.await() is the happens-before edge that makes every answer and failure visible here.
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return answersOrFailure(leftOut);
        }

        private void call(int index) {
            if (!states.compareAndSet(index, NEW, STARTED)) {
                return;
            }
            try {
                answers[index] = calls.get(index).get();
            } catch (Throwable t) {
                failures[index] = t;
            } finally {
                finished.countDown();
            }
        }

        /** Leaves out every call that has not started and interrupts the running ones; true if any was left out. */
        private boolean stopTheOthers() {
            boolean leftOut = false;
            for (int i = 0; i < calls.size(); i++) {
                if (states.compareAndSet(i, NEW, LEFT_OUT)) {
                    leftOut = true;
                    finished.countDown();
                    tasks[i].cancel(false);
                } else {
                    tasks[i].cancel(true);
                }
            }
            return leftOut;
        }

        @SuppressWarnings("unchecked")
        private List<T> answersOrFailure(boolean leftOut) {
            Throwable thrown = leftOut ? new CancellationException("interrupted while waiting for " + calls.size()
                    + " IAM calls: the ones not yet started were left out, the running ones were interrupted and have"
                    + " stopped") : firstFailure();
            if (thrown == null) {
                return Collections.unmodifiableList(Arrays.asList((T[]) answers));
            }
            for (Throwable failure : failures) {
                if (failure != null && failure != thrown) {
                    thrown.addSuppressed(failure);
                }
            }
            if (thrown instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (thrown instanceof Error error) {
                throw error;
            }
            throw new CompletionException(thrown);
        }

        private Throwable firstFailure() {
            Throwable first = null;
            for (Throwable failure : failures) {
                if (failure instanceof Error) {
                    return failure;
                }
                if (first == null) {
                    first = failure;
                }
            }
            return first;
        }
    }

    private static ThreadPoolExecutor pool() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_IN_FLIGHT, MAX_IN_FLIGHT, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "iam-call-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
