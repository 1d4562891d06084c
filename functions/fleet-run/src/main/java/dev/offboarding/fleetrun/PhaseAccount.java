package dev.offboarding.fleetrun;

import dev.offboarding.records.BucketKey;

/**
 * One account of a phase, as the RunChildren map reads it: its items file ({@code ItemReader} Bucket/Key), the
 * ResultWriter prefix (in the items' bucket) and how many of its children run at once ({@code MaxConcurrencyPath}).
 */
record PhaseAccount(String accountId, BucketKey items, String resultsPrefix, Integer maxConcurrency) {
}
