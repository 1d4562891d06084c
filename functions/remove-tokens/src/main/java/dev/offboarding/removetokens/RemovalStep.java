package dev.offboarding.removetokens;

import dev.offboarding.iam.IamGateway.Removal;
import dev.offboarding.model.BlockerKind;
import java.util.function.Supplier;

/** One item to act on: what doing it is called, what planning it is called, and the IAM call(s) that do it. */
record RemovalStep(BlockerKind kind, String id, Action done, Action planned, Supplier<Removal> call) {

    RemovedItem plan() {
        return new RemovedItem(kind, id, planned);
    }

    RemovedItem run() {
        return new RemovedItem(kind, id, call.get() == Removal.DONE ? done : Action.ALREADY_ABSENT);
    }
}
