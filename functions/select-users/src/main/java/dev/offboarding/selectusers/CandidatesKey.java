package dev.offboarding.selectusers;

import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.records.RecordKeys;

/** Where an account's candidates are kept: {@code fleet/<run>/<fleetExecution>/candidates/<accountId>.json}. */
final class CandidatesKey {
    private CandidatesKey() {
    }

    static String of(String run, String fleetExecution, String accountId) {
        if (!RecordKeys.isSegment(fleetExecution)) {
            throw new InvalidRequestException("fleetExecution \"" + fleetExecution + "\" cannot be part of a record"
                    + " key: name the fleet execution with letters, digits and - _ . @ + = , : only");
        }
        return "fleet/" + run + "/" + fleetExecution + "/candidates/" + accountId + ".json";
    }
}
