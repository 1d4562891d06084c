package dev.offboarding.removetokens;

import dev.offboarding.model.BlockerKind;

/** One item of the inventory and what was done to it. {@code id} is an identifier, never a secret. */
public record RemovedItem(BlockerKind kind, String id, Action action) {
}
