package dev.offboarding.fleetrun;

/**
 * Where a fleet execution keeps its files in the record store: everything under
 * {@code fleet/<run>/<fleetExecution>/} (F).
 */
record FleetKeys(String run, String fleetExecution) {
    String root() {
        return "fleet/" + run + "/" + fleetExecution + "/";
    }

    /** {@code F/candidates/<accountId>.json}: what select-users found in the account. */
    String candidates(String accountId) {
        return root() + "candidates/" + accountId + ".json";
    }

    /** {@code F/<phase>/<accountId>.json}: the child items of the account for the phase. */
    String items(Phase phase, String accountId) {
        return root() + phase.folder() + "/" + accountId + ".json";
    }

    /** {@code F/<phase>/results/<accountId>}: the ResultWriter prefix of the account for the phase (no '/' at the end). */
    String results(Phase phase, String accountId) {
        return root() + phase.folder() + "/results/" + accountId;
    }

    String plan() {
        return root() + "plan.json";
    }

    String report() {
        return root() + "report.json";
    }
}
