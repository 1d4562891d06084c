package dev.offboarding.decision;

import dev.offboarding.model.UserInventory;

/** list-tokens' answer: the inventory, and what it means for the request ({@link Decider}). */
public record Inspection(UserInventory inventory, Decision decision) {
}
