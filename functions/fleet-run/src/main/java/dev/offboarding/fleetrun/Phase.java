package dev.offboarding.fleetrun;

/** A fleet run's two rounds of child executions: dry runs of every candidate, then the real runs. */
enum Phase {
    PLAN("plan"),
    OFFBOARD("offboard");

    private final String folder;

    Phase(String folder) {
        this.folder = folder;
    }

    /** Its part of the record keys: {@code F/plan/...}, {@code F/offboard/...}. */
    String folder() {
        return folder;
    }
}
