package dev.offboarding.audit;

import dev.offboarding.model.BlockerKind;

/**
 * Something of the user's that a reinstate cannot bring back, why, and how a person gives the user a new one (a
 * command; any secret it creates is handed to the person out of band, never through a record).
 */
public record Unrecoverable(BlockerKind kind, String id, String why, String restore) {
}
