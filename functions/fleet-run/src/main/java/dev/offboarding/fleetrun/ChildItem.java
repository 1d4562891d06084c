package dev.offboarding.fleetrun;

import dev.offboarding.validation.OffboardingRequest;

/**
 * One line of {@code F/<phase>/<accountId>.json}: the child execution's name, its user and account, and the request
 * the OffboardUser state machine is started with ({@code Input.$ $.request}).
 */
record ChildItem(String execution, String userName, String accountId, OffboardingRequest request) {
}
