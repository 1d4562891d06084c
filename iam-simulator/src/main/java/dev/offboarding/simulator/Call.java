package dev.offboarding.simulator;

import java.time.Instant;

/**
 * One API call as the simulator saw it.
 *
 * @param operation the API action name, e.g. {@code "DeleteAccessKey"}
 * @param target    the non-secret identifiers of the request joined by {@code /}, e.g. {@code "bob/AKIA..."}
 * @param outcome   {@code "OK"} or the AWS error code, e.g. {@code "DeleteConflict"}
 * @param at        the simulator clock when the call was made
 * @param mutating  whether the operation changes state (whether or not this call succeeded)
 */
public record Call(String operation, String target, String outcome, Instant at, boolean mutating) {

    /** The outcome of a throttled call: IAM's (and STS's) error code for it. */
    public static final String THROTTLED = "Throttling";

    /** Whether the call was refused with Throttling (it then had no effect). */
    public boolean throttled() {
        return THROTTLED.equals(outcome);
    }
}
