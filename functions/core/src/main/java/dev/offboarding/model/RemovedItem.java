package dev.offboarding.model;

import dev.offboarding.iam.IamGateway.Removal;

/** One item of the inventory and what was done to it. {@code id} is an identifier, never a secret. */
public record RemovedItem(BlockerKind kind, String id, Action action) {

    /** What a dry run says of the step. */
    public static RemovedItem planned(Step step) {
        return new RemovedItem(step.kind(), step.id(), Action.planned(step.verb()));
    }

    /** What the step did, as IAM answered it. */
    public static RemovedItem done(Step step, Removal removal) {
        return new RemovedItem(step.kind(), step.id(), removal == Removal.DONE ? Action.done(step.verb())
                : Action.ALREADY_ABSENT);
    }

    /** The first of a step's two calls, done before the second. */
    public static RemovedItem partlyDone(Step step, Step.Verb verb) {
        return new RemovedItem(step.kind(), step.id(), Action.done(verb));
    }
}
