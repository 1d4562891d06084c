package dev.offboarding.simulator;

record GroupMembership(String groupName, long sequence) {
}
