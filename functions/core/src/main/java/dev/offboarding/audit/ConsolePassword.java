package dev.offboarding.audit;

/** What became of the user's console password through its lock-out, as a reinstate tells it. */
public enum ConsolePassword {
    /** The lock-out kept it: it works again once the deny is lifted. */
    KEPT,
    /** The lock-out deleted it (records of earlier versions): it cannot come back, only a new one can be set. */
    DELETED,
    /** The user had none. */
    NONE
}
