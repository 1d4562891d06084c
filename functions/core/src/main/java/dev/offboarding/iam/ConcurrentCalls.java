package dev.offboarding.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    private static final ExecutorService POOL = pool();

    private ConcurrentCalls() {
    }

    /**
     * Runs every call and waits for all of them; the answers come in the order of {@code calls}. If any failed, the
     * first failure in that order is thrown, after every call has finished (each is idempotent, so the ones that
     * succeeded need no undoing).
     */
    public static <T> List<T> all(List<Supplier<T>> calls) {
        if (calls.size() <= 1) {
            return calls.stream().map(Supplier::get).toList();
        }
        List<CompletableFuture<T>> running = new ArrayList<>(calls.size());
        for (Supplier<T> call : calls) {
            running.add(CompletableFuture.supplyAsync(call, POOL));
        }
        List<T> answers = new ArrayList<>(calls.size());
        RuntimeException first = null;
        for (CompletableFuture<T> answer : running) {
            try {
                answers.add(answer.join());
            } catch (CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException runtime ? runtime : e;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return answers;
    }

    private static ExecutorService pool() {
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
