package dev.offboarding.simulator;

/** A policy embedded in a user; the document is kept as the JSON text it was put with. */
record InlinePolicyRecord(String policyName, String document) {
}
