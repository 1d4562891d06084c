package dev.offboarding.audit;

import dev.offboarding.model.DenyMechanism;

/**
 * The lock-out's deny of every action ({@link dev.offboarding.model.DenyAttachment}) and what a reinstate did to it.
 *
 * @param restoredBoundary the permissions boundary to put back, the one AWSDenyAll had replaced (or, with
 *                         {@link Result#BOUNDARY_GONE}, that could not be put back); null when there is none
 */
public record DenyLift(DenyMechanism how, String policy, String restoredBoundary, Result result) {
    /** The same deny, with what became of it. */
    public DenyLift as(Result result) {
        return new DenyLift(how, policy, restoredBoundary, result);
    }

    public enum Result {
        /** AWSDenyAll detached from the user. */
        DETACHED,
        WOULD_DETACH,
        /** The boundary AWSDenyAll had replaced is the user's boundary again. */
        BOUNDARY_RESTORED,
        WOULD_RESTORE_BOUNDARY,
        /** The boundary AWSDenyAll had replaced no longer exists (NoSuchEntity): AWSDenyAll stays the boundary. */
        BOUNDARY_GONE,
        /** The user had no boundary before: AWSDenyAll, its boundary, is removed. */
        BOUNDARY_DELETED,
        WOULD_DELETE_BOUNDARY,
        /** The deny was no longer on the user (detached, or its boundary changed since): nothing to do. */
        ALREADY_LIFTED,
        /** It was on the user before the lock-out (an earlier lock-out, or an operator's own): left as it was. */
        KEPT
    }
}
