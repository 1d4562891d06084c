package dev.offboarding.simulator;

/** What IAM's enforcement decides for one request made with a {@link Session}. */
public enum SessionDecision {
    /** An identity policy allows the action and nothing denies it (the boundary, when set, allows it too). */
    ALLOWED,
    /** A Deny statement in an identity policy or in the permissions boundary matches the action. */
    EXPLICIT_DENY,
    /** Nothing denies the action, but no identity policy allows it, or the permissions boundary does not. */
    IMPLICIT_DENY,
    /** The user's deletion has reached enforcement. */
    USER_GONE,
    /** The session's credentials have expired. */
    EXPIRED
}
