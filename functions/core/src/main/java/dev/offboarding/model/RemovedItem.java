package dev.offboarding.model;


/** One item of the inventory and what was done to it. {@code id} is an identifier, never a secret. */
public record RemovedItem(BlockerKind kind, String id, Action action) {
}
