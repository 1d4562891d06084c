package dev.offboarding.removetokens;

import dev.offboarding.model.Action;
import dev.offboarding.model.RemovedItem;
import dev.offboarding.iam.IamGateway.Removal;
import dev.offboarding.model.BlockerKind;
import java.util.function.Consumer;

/**
 * One item to act on: what doing it is called, what planning it is called, and the IAM call(s) that do it. A step of
 * two calls (a virtual MFA device: deactivate, then delete) reports the first as soon as it is done, so that a
 * failure of the second still says the first was done.
 */
record RemovalStep(BlockerKind kind, String id, Action done, Action planned, Call call) {

    /** The IAM call(s) of a step; {@code partlyDone} hears of a first call done when a second one follows. */
    @FunctionalInterface
    interface Call {
        Removal run(Consumer<Action> partlyDone);
    }

    RemovedItem plan() {
        return new RemovedItem(kind, id, planned);
    }

    RemovedItem run(Consumer<RemovedItem> partlyDone) {
        Removal removal = call.run(action -> partlyDone.accept(new RemovedItem(kind, id, action)));
        return new RemovedItem(kind, id, removal == Removal.DONE ? done : Action.ALREADY_ABSENT);
    }
}
