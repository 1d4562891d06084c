package dev.offboarding.recordoutcome;

/** The moments of a run at which its record is written. */
public enum Stage {
    /** Before the first look at the user: reads what an earlier run left unfinished, then writes the first record. */
    OPEN,
    /** Before a remove-tokens round: the record's {@code pending} says what the round will do. */
    BEFORE_REMOVAL,
    /** After a remove-tokens round: the round joins {@code removed}, nothing is pending. */
    AFTER_REMOVAL,
    /** Before DeleteUser. */
    BEFORE_DELETE,
    /** At the end of every path after validation: the final record, and how the execution ends. */
    CONCLUDE
}
