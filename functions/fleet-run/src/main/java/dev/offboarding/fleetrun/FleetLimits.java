package dev.offboarding.fleetrun;

/** The bounds of a fleet request's numbers, and the defaults the template starts from. */
final class FleetLimits {
    static final int MAX_ACCOUNTS = 1000;
    static final int MAX_USERS = 1000;
    static final int MAX_USERS_PER_RUN = 5000;
    static final int DEFAULT_MAX_USERS_PER_RUN = 25;
    static final int DEFAULT_MAX_SHARE_OF_ACCOUNT = 10;
    static final int MAX_CONCURRENCY_PER_ACCOUNT = 50;
    static final int DEFAULT_MAX_CONCURRENCY_PER_ACCOUNT = 5;
    static final int MIN_APPROVAL_TIMEOUT_SECONDS = 60;
    static final int MAX_APPROVAL_TIMEOUT_SECONDS = 604_800;
    static final int DEFAULT_APPROVAL_TIMEOUT_SECONDS = 86_400;
    static final int MAX_RUN_LENGTH = 40;

    private FleetLimits() {
    }
}
