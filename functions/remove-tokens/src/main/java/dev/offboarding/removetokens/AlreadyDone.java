package dev.offboarding.removetokens;

import dev.offboarding.model.DenyAttachment;
import dev.offboarding.model.RemovedItem;
import dev.offboarding.errors.OffboardingException;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;

/**
 * What one invocation has already done, item by item, so that a failure midway says so: the exception that leaves
 * the function keeps its class (the workflow matches on it) and its message ends with
 * {@code Already done in this round: ACCESS_KEY AKIA... DEACTIVATED, LOGIN_PROFILE alice DELETED}. Items are named
 * by kind and id only, never by anything secret.
 */
final class AlreadyDone {
    static final String PREFIX = "Already done in this round: ";

    private final List<RemovedItem> items = new ArrayList<>();
    private DenyAttachment deny;

    /** The deny of every action, attached before any item: named first. */
    synchronized void denied(DenyAttachment attached) {
        this.deny = attached;
    }

    synchronized void add(RemovedItem item) {
        items.add(item);
    }

    synchronized List<RemovedItem> items() {
        return List.copyOf(items);
    }

    /** {@code Already done in this round: DENY ..., KIND id ACTION, ...}, or {@code ...: nothing.} */
    synchronized String sentence() {
        List<String> done = new ArrayList<>();
        if (deny != null) {
            done.add("DENY " + deny.policy() + " " + (deny.alreadyInPlace() ? "CONFIRMED" : "ATTACHED") + " as "
                    + deny.how());
        }
        items.forEach(item -> done.add(item.kind() + " " + item.id() + " " + item.action()));
        return PREFIX + (done.isEmpty() ? "nothing" : String.join(", ", done)) + ".";
    }

    /**
     * {@code failure}, or an exception of exactly its class, whose message ends with {@link #sentence()}. An
     * exception of this project carries the ending itself; any other is copied through its public
     * {@code (String, Throwable)} or {@code (String)} constructor, cause, stack trace and suppressed exceptions
     * included. One that has neither constructor is returned as it is, the sentence attached as a suppressed
     * exception.
     */
    RuntimeException endMessageOf(RuntimeException failure) {
        String sentence = sentence();
        if (failure instanceof OffboardingException ours) {
            return ours.withMessageEnding(sentence);
        }
        String message = failure.getMessage() == null ? sentence : failure.getMessage() + " " + sentence;
        RuntimeException copy = copyOf(failure, message);
        if (copy == null) {
            failure.addSuppressed(new IllegalStateException(sentence));
            return failure;
        }
        copy.setStackTrace(failure.getStackTrace());
        for (Throwable suppressed : failure.getSuppressed()) {
            copy.addSuppressed(suppressed);
        }
        return copy;
    }

    private static RuntimeException copyOf(RuntimeException failure, String message) {
        Class<? extends RuntimeException> type = failure.getClass();
        try {
            Constructor<? extends RuntimeException> withCause = type.getConstructor(String.class, Throwable.class);
            return withCause.newInstance(message, failure.getCause());
        } catch (ReflectiveOperationException | RuntimeException noSuchConstructor) {
            // try the message-only constructor
        }
        try {
            RuntimeException copy = type.getConstructor(String.class).newInstance(message);
            if (failure.getCause() != null) {
                copy.initCause(failure.getCause());
            }
            return copy;
        } catch (ReflectiveOperationException | RuntimeException noSuchConstructor) {
            return null;
        }
    }
}
