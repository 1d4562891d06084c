package dev.offboarding.model;

import dev.offboarding.iam.IamGateway.Removal;
import java.util.function.Consumer;

/**
 * One IAM change to one item of an inventory, as its kind plans it ({@link BlockerKind}): what it does, in which
 * {@link Round}, and the IAM call(s) that do it.
 *
 * @param reported                whether the result lists it. A removal's lock-out of an access key is not: the key is
 *                                listed once, as deleted (a failure midway still names the deactivation)
 * @param retryWhileUnmodifiable IAM answers EntityTemporarilyUnmodifiable for a login profile created moments ago, so
 *                                the function retries its deletion a few times before the workflow's Retry takes over
 */
public record Step(BlockerKind kind, String id, Round round, Verb verb, boolean reported,
                   boolean retryWhileUnmodifiable, Call call) {

    /** What a step does to its item. */
    public enum Verb { DEACTIVATE, DELETE, DETACH, REMOVE }

    /**
     * The IAM call(s) of a step. A step of two calls (a virtual MFA device: deactivate, then delete) tells
     * {@code partlyDone} of the first as soon as it is done, so that a failure of the second still says so.
     */
    @FunctionalInterface
    public interface Call {
        Removal run(Consumer<Verb> partlyDone);
    }

    /** The steps of one item: each is given the item's kind and id. */
    public record Of(BlockerKind kind, String id) {
        public Step in(Round round, Verb verb, Call call) {
            return new Step(kind, id, round, verb, true, false, call);
        }
    }

    public Step unreported() {
        return new Step(kind, id, round, verb, false, retryWhileUnmodifiable, call);
    }

    public Step retriedWhileUnmodifiable() {
        return new Step(kind, id, round, verb, reported, true, call);
    }
}
