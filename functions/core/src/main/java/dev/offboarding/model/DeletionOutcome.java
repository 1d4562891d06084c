package dev.offboarding.model;

/**
 * DELETED: this call deleted the user. ALREADY_ABSENT: the user was gone already. STILL_CONFLICTING: the workflow's
 * last attempt still met DeleteConflict (earlier attempts raise it, for the workflow to retry).
 */
public enum DeletionOutcome { DELETED, ALREADY_ABSENT, STILL_CONFLICTING }
