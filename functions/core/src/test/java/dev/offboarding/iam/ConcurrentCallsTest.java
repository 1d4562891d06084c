package dev.offboarding.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.testing.ConcurrencySensitive;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;

/**
 * The calls of {@link ConcurrentCalls#all} run side by side, at most {@link ConcurrentCalls#MAX_IN_FLIGHT} at once,
 * and {@code all} answers, or throws, only once every call has stopped.
 *
 * <p>No test waits for time to pass: each waits for a state (a call started, the caller parked) and asserts on what
 * happened. The class timeout only turns a hang of a broken implementation into a failure.
 */
@Timeout(60)
class ConcurrentCallsTest {

    @ConcurrencySensitive
    void theAnswersComeInTheOrderOfTheCallsWhateverTheOrderTheyFinishIn() {
        int n = 6;
        List<CountDownLatch> done = IntStream.range(0, n).mapToObj(i -> new CountDownLatch(1)).toList();
        List<String> finishing = new ArrayList<>();
        List<Supplier<String>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            // Each call finishes only after the one after it: the last finishes first.
            calls.add(() -> {
                if (index + 1 < n) {
                    await(done.get(index + 1));
                }
                synchronized (finishing) {
                    finishing.add("call " + index);
                }
                done.get(index).countDown();
                return "answer " + index;
            });
        }

        List<String> answers = ConcurrentCalls.all(calls);

        assertEquals(List.of("answer 0", "answer 1", "answer 2", "answer 3", "answer 4", "answer 5"), answers);
        assertEquals(List.of("call 5", "call 4", "call 3", "call 2", "call 1", "call 0"), finishing,
                "they did finish in reverse order");
    }

    /**
     * Twenty calls that each hold until released. Once no thread of the pool is idle and every call is either running
     * or waiting for a thread (nothing can change any more until the release), exactly ten run: the bound is reached,
     * never passed. (Read in that order, the pool first, a state that is still changing cannot pass for that one.)
     */
    @ConcurrencySensitive
    void atMostTenCallsAreInFlightAndTenAreReached() throws Throwable {
        int n = 2 * ConcurrentCalls.MAX_IN_FLIGHT;
        AtomicInteger started = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Supplier<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            calls.add(() -> {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                started.incrementAndGet();
                await(release);
                inFlight.decrementAndGet();
                return index;
            });
        }
        Caller<List<Integer>> caller = Caller.start(() -> ConcurrentCalls.all(calls));

        waitUntil(() -> ConcurrentCalls.everyThreadBusy() && started.get() + ConcurrentCalls.waitingForAThread() == n);
        int runningWhileOthersWaited = inFlight.get();
        int waiting = ConcurrentCalls.waitingForAThread();
        release.countDown();
        List<Integer> answers = caller.answer();

        assertEquals(ConcurrentCalls.MAX_IN_FLIGHT, runningWhileOthersWaited, "running once nothing could change");
        assertEquals(n - ConcurrentCalls.MAX_IN_FLIGHT, waiting, "the others waited for a thread");
        assertEquals(ConcurrentCalls.MAX_IN_FLIGHT, mostInFlight.get(), "never more than the bound, at any moment");
        assertEquals(IntStream.range(0, n).boxed().toList(), answers);
    }

    @ConcurrencySensitive
    void aRuntimeExceptionIsThrownOnlyAfterEveryOtherCallHasFinished() {
        IllegalStateException failure = new IllegalStateException("DeleteAccessKey failed");
        SlowCall slow = new SlowCall(Thread.currentThread());

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> slow.afterwards(() -> ConcurrentCalls.all(List.of(() -> {
                    throw failure;
                }, slow), firstInlineOthersOnTheirOwnThread())));

        assertSame(failure, thrown);
        assertTrue(slow.finishedBeforeAllEnded, "all() threw while a call was still running");
    }

    @ConcurrencySensitive
    void anErrorIsThrownOnlyAfterEveryOtherCallHasFinished() {
        AssertionError failure = new AssertionError("a call broke");
        SlowCall slow = new SlowCall(Thread.currentThread());

        AssertionError thrown = assertThrows(AssertionError.class,
                () -> slow.afterwards(() -> ConcurrentCalls.all(List.of(() -> {
                    throw failure;
                }, slow), firstInlineOthersOnTheirOwnThread())));

        assertSame(failure, thrown);
        assertTrue(slow.finishedBeforeAllEnded, "all() threw while a call was still running");
    }

    @ConcurrencySensitive
    void theFirstFailureInTheOrderOfTheCallsWinsAndTheOthersAreAttached() {
        IllegalStateException first = new IllegalStateException("first in order");
        IllegalArgumentException second = new IllegalArgumentException("second in order, failed first");
        CountDownLatch secondFailed = new CountDownLatch(1);

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> ConcurrentCalls.all(List.of(
                () -> {
                    await(secondFailed);
                    throw first;
                },
                () -> "fine",
                () -> {
                    secondFailed.countDown();
                    throw second;
                })));

        assertSame(first, thrown);
        assertEquals(List.of(second), Arrays.asList(thrown.getSuppressed()));
    }

    @ConcurrencySensitive
    void anErrorWinsOverAnEarlierExceptionWhichIsAttachedToIt() {
        IllegalStateException exception = new IllegalStateException("first in order");
        OutOfMemoryError error = new OutOfMemoryError("second in order");

        OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> ConcurrentCalls.all(List.<Supplier<Object>>of(
                () -> {
                    throw exception;
                },
                () -> {
                    throw error;
                })));

        assertSame(error, thrown);
        assertEquals(List.of(exception), Arrays.asList(thrown.getSuppressed()));
    }

    @ConcurrencySensitive
    void aCheckedExceptionThrownSneakilyArrivesWrapped() {
        Exception checked = new java.io.IOException("sneaky");

        CompletionException thrown = assertThrows(CompletionException.class, () -> ConcurrentCalls.all(List.of(
                () -> ConcurrentCallsTest.<String, RuntimeException>sneakyThrow(checked), () -> "fine")));

        assertSame(checked, thrown.getCause());
    }

    /**
     * Interrupted while it waits: the call not yet started never starts, the running one is interrupted, all() waits
     * for it to stop, then throws CancellationException with the thread's interrupt status set again. Once
     * interrupted, the running call stops only when the caller is parked again (or all() has ended), so an
     * implementation that does not wait for it ends first.
     */
    @ConcurrencySensitive
    void anInterruptLeavesOutTheCallsNotStartedInterruptsTheRunningOnesAndWaitsForThem() throws Throwable {
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Thread> callerThread = new AtomicReference<>();
        AtomicBoolean allEnded = new AtomicBoolean();
        AtomicBoolean interruptedInTheCall = new AtomicBoolean();
        AtomicBoolean runningCallStopped = new AtomicBoolean();
        AtomicBoolean leftOutCallRan = new AtomicBoolean();
        List<Runnable> held = new ArrayList<>();
        AtomicInteger submitted = new AtomicInteger();
        Executor firstOnItsOwnThreadTheOthersHeld = task -> {
            if (submitted.getAndIncrement() == 0) {
                new Thread(task, "running-call").start();
            } else {
                synchronized (held) {
                    held.add(task);
                }
            }
        };
        AtomicBoolean stoppedWhenAllEnded = new AtomicBoolean();
        AtomicBoolean interruptStatusWhenAllEnded = new AtomicBoolean();
        Caller<List<String>> caller = Caller.start(() -> {
            callerThread.set(Thread.currentThread());
            try {
                return ConcurrentCalls.all(List.of(() -> {
                    running.countDown();
                    try {
                        new CountDownLatch(1).await();
                        return "never";
                    } catch (InterruptedException e) {
                        interruptedInTheCall.set(true);
                        waitUntil(() -> allEnded.get() || callerThread.get().getState() == Thread.State.WAITING);
                        throw new IllegalStateException("the call was interrupted", e);
                    } finally {
                        runningCallStopped.set(true);
                    }
                }, () -> {
                    leftOutCallRan.set(true);
                    return "never";
                }), firstOnItsOwnThreadTheOthersHeld);
            } finally {
                stoppedWhenAllEnded.set(runningCallStopped.get());
                interruptStatusWhenAllEnded.set(Thread.currentThread().isInterrupted());
                allEnded.set(true);
            }
        });
        running.await();

        caller.thread.interrupt();
        CancellationException thrown = assertThrows(CancellationException.class, caller::answer);

        assertTrue(stoppedWhenAllEnded.get(), "all() waited until the running call had stopped");
        assertTrue(interruptedInTheCall.get(), "the running call was interrupted");
        assertTrue(interruptStatusWhenAllEnded.get(), "the caller's interrupt status is set again");
        assertEquals(1, thrown.getSuppressed().length, "the interrupted call's failure is attached");
        synchronized (held) {
            assertEquals(1, held.size());
            held.forEach(Runnable::run);
        }
        assertFalse(leftOutCallRan.get(), "a call left out does not start even if a thread picks it up later");
    }

    @ConcurrencySensitive
    void aCallerInterruptedAfterEveryCallHadRunStillGetsTheAnswersAndKeepsItsInterruptStatus() {
        AtomicBoolean interruptStatus = new AtomicBoolean();
        Executor inline = Runnable::run;

        List<String> answers = ConcurrentCalls.all(List.of(() -> "a", () -> {
            Thread.currentThread().interrupt();
            return "b";
        }), inline);
        interruptStatus.set(Thread.interrupted());

        assertEquals(List.of("a", "b"), answers);
        assertTrue(interruptStatus.get());
    }

    @ConcurrencySensitive
    void oneCallRunsOnTheCallingThreadAndNoneAnswersNothing() {
        Thread caller = Thread.currentThread();

        assertEquals(List.of(true), ConcurrentCalls.all(List.of(() -> Thread.currentThread() == caller)));
        assertEquals(List.of(), ConcurrentCalls.all(List.<Supplier<Object>>of()));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** The first call runs inline, as the executor receives it (so it has failed before all() waits); others on threads of their own. */
    private static Executor firstInlineOthersOnTheirOwnThread() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            if (count.getAndIncrement() == 0) {
                task.run();
            } else {
                new Thread(task, "other-call").start();
            }
        };
    }

    /**
     * A call that finishes once the caller is parked waiting for it, or else once the caller's all() has ended. An
     * implementation that throws as soon as it sees a failure never parks: this call then outlives all().
     */
    private static final class SlowCall implements Supplier<String> {
        private final Thread caller;
        private final AtomicBoolean allEnded = new AtomicBoolean();
        private final AtomicBoolean finished = new AtomicBoolean();
        private boolean finishedBeforeAllEnded;

        SlowCall(Thread caller) {
            this.caller = caller;
        }

        @Override
        public String get() {
            waitUntil(() -> allEnded.get() || caller.getState() == Thread.State.WAITING);
            finished.set(true);
            return "slow";
        }

        <T> T afterwards(Supplier<T> all) {
            try {
                return all.get();
            } finally {
                finishedBeforeAllEnded = finished.get();
                allEnded.set(true);
            }
        }
    }

    /** all() run on a thread of its own. */
    private static final class Caller<T> {
        private final Thread thread;
        private final AtomicReference<T> answer = new AtomicReference<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Caller(Supplier<T> call) {
            thread = new Thread(() -> {
                try {
                    answer.set(call.get());
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "caller");
        }

        static <T> Caller<T> start(Supplier<T> call) {
            Caller<T> caller = new Caller<>(call);
            caller.thread.start();
            return caller;
        }

        T answer() throws Throwable {
            thread.join();
            if (failure.get() != null) {
                throw failure.get();
            }
            return answer.get();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T, E extends Throwable> T sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }
}
