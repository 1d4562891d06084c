package dev.offboarding.fleetrun;

/** The blast radius a fleet run may have: users in all, and percent of an account's users. */
record Limits(int maxUsersPerRun, int maxShareOfAccount) {
}
