package dev.offboarding.model;

/** How the deny of every action is attached to a user ({@link DenyAll}), in the order they are tried. */
public enum DenyMechanism {
    /** The AWS managed policy {@code AWSDenyAll}, attached to the user: one of its managed policies. */
    MANAGED_POLICY,
    /** {@code AWSDenyAll} set as the user's permissions boundary, in place of any boundary the user had. */
    PERMISSIONS_BOUNDARY
}
