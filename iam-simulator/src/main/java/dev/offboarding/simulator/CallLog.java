package dev.offboarding.simulator;

import java.util.ArrayList;
import java.util.List;

/** Every call made to the simulator, in order, including failed ones. Holds no secrets. */
public final class CallLog {

    private static final List<String> MUTATING_PREFIXES = List.of(
            "Create", "Delete", "Update", "Deactivate", "Enable", "Remove", "Detach", "Attach",
            "Add", "Put", "Tag", "Untag", "Upload", "Reset");

    private final List<Call> calls = new ArrayList<>();

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

    public synchronized void clear() {
        calls.clear();
    }

    synchronized void record(Call call) {
        calls.add(call);
    }

    static boolean isMutating(String operation) {
        return MUTATING_PREFIXES.stream().anyMatch(operation::startsWith);
    }

    @Override
    public synchronized String toString() {
        return "CallLog" + calls;
    }
}
