package dev.offboarding.simulator;

import java.util.ArrayList;
import java.util.List;

/** Every call made to the simulator, in order, including failed ones. Holds no secrets. */
public final class CallLog {

    private static final List<String> MUTATING_PREFIXES = List.of(
            "Create", "Delete", "Update", "Deactivate", "Enable", "Remove", "Detach", "Attach",
            "Add", "Put", "Tag", "Untag", "Upload", "Reset");

    private final List<Call> calls = new ArrayList<>();
    /** The calls the account's token buckets refused (also in {@link #calls}). */
    private final List<Call> rateLimited = new ArrayList<>();
    private final List<CallSpan> spans = new ArrayList<>();

    CallLog() {
    }

    public synchronized List<Call> all() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> mutating() {
        return calls.stream().filter(Call::mutating).toList();
    }

    public synchronized long count(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).count();
    }

    /** The calls answered {@code Throttling}, whether their bucket was empty or a fault was injected. */
    public synchronized List<Call> throttled() {
        return calls.stream().filter(Call::throttled).toList();
    }

    /**
     * The calls refused because their token bucket was empty ({@link IamSimulator#throttling}), in order; each is
     * also in {@link #all()} with outcome {@code Throttling}. Injected throttles ({@link FaultInjector}) are not.
     */
    public synchronized List<Call> rateLimited() {
        return List.copyOf(rateLimited);
    }

    /** The calls that were let through (not throttled), whatever their outcome. */
    public synchronized List<Call> accepted() {
        return calls.stream().filter(call -> !call.throttled()).toList();
    }

    public synchronized void clear() {
        calls.clear();
        rateLimited.clear();
        spans.clear();
    }

    /** When each call was in flight, in the order the calls were answered. */
    public synchronized List<CallSpan> spans() {
        return List.copyOf(spans);
    }

    /**
     * The critical path in round trips: the longest chain of calls each of which started only after the previous
     * one had answered. Sequential calls count one each; calls that overlapped count once together.
     */
    public synchronized int roundTrips() {
        List<CallSpan> byStart = spans.stream().sorted(java.util.Comparator.comparingLong(CallSpan::arrived)).toList();
        int[] chain = new int[byStart.size()];
        int longest = 0;
        for (int i = 0; i < byStart.size(); i++) {
            chain[i] = 1;
            for (int j = 0; j < i; j++) {
                if (byStart.get(j).endsBefore(byStart.get(i))) {
                    chain[i] = Math.max(chain[i], chain[j] + 1);
                }
            }
            longest = Math.max(longest, chain[i]);
        }
        return longest;
    }

    synchronized void record(Call call) {
        calls.add(call);
    }

    synchronized void recordRateLimited(Call call) {
        calls.add(call);
        rateLimited.add(call);
    }

    synchronized void record(CallSpan span) {
        spans.add(span);
    }

    static boolean isMutating(String operation) {
        return MUTATING_PREFIXES.stream().anyMatch(operation::startsWith);
    }

    @Override
    public synchronized String toString() {
        return "CallLog" + calls;
    }
}
