package dev.offboarding.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The deny of every action a remove-tokens round attached to the user before it changed anything else
 * ({@link DenyAll}): how, which policy, and when.
 *
 * @param policy           the ARN of the policy that denies (AWSDenyAll in the user's partition)
 * @param attachedAt       when IAM accepted it; null in a dry run's plan
 * @param alreadyInPlace   the inventory the round acted on already showed it (an earlier lock-out, or an operator's
 *                         own AWSDenyAll): the round only confirmed it
 * @param replacedBoundary the permissions boundary the user had before AWSDenyAll took its place, which a reinstate
 *                         puts back; null when the user had none or the mechanism is not the boundary
 * @param refusals         the mechanisms IAM refused before this one, each with IAM's answer
 */
public record DenyAttachment(DenyMechanism how, String policy, Instant attachedAt, boolean alreadyInPlace,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String replacedBoundary,
                             @JsonInclude(JsonInclude.Include.NON_NULL) List<String> refusals) {
    public DenyAttachment {
        refusals = refusals == null || refusals.isEmpty() ? null : List.copyOf(refusals);
    }
}
