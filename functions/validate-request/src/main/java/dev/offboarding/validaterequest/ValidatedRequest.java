package dev.offboarding.validaterequest;

import dev.offboarding.validation.MemberAccount;
import dev.offboarding.validation.OffboardingRequest;

/**
 * The request the rest of the workflow acts on: every flag and number has its value (the defaults filled in), and
 * {@code memberAccount} says which other account to act in, or is null for the account the stack runs in.
 */
public record ValidatedRequest(OffboardingRequest request, MemberAccount memberAccount) {
}
