package dev.offboarding.model;

import dev.offboarding.iam.IamGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The items of one kind as list-tokens read them: as listed, then with the details of each where the kind has any.
 * Not thread-safe: each detail call may run on any thread, but what it read is kept only when the caller runs the
 * answer it returned, on the caller's thread and in the order of the calls.
 */
public final class Listing<T> {
    private final List<T> listed;
    private final Optional<Blocker.Detail<T>> detail;
    private final BiConsumer<UserInventory.Found, List<T>> found;
    private List<T> items;

    Listing(List<T> listed, Optional<Blocker.Detail<T>> detail, BiConsumer<UserInventory.Found, List<T>> found) {
        this.listed = List.copyOf(listed);
        this.detail = detail;
        this.found = found;
        this.items = this.listed;
    }

    /**
     * One IAM call per listed item, none for a kind without details. Each call answers with what keeps its result:
     * run those answers in order, and an item IAM no longer has is left out.
     */
    public List<Supplier<Runnable>> detailCalls(IamGateway iam, String userName) {
        if (detail.isEmpty()) {
            return List.of();
        }
        List<T> detailed = new ArrayList<>();
        items = detailed;
        return listed.stream().<Supplier<Runnable>>map(item -> () -> {
            Optional<T> read = detail.get().read(iam, userName, item);
            return () -> read.ifPresent(detailed::add);
        }).toList();
    }

    /** Puts the items into what list-tokens found. */
    public void putInto(UserInventory.Found inventory) {
        found.accept(inventory, List.copyOf(items));
    }
}
