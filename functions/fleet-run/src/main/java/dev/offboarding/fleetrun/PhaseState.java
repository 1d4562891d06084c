package dev.offboarding.fleetrun;

import java.util.ArrayList;
import java.util.List;

/** The {@code phase} a stage is given: ITEMS' answer (phase PLAN) or LIMIT's (phase OFFBOARD), as the workflow holds it. */
record PhaseState(Phase phase, Integer candidates, Integer wouldOffboard, Integer refused, String planKey,
                  List<PhaseAccount> accounts, String limitExceeded) {
    List<String> problems(String field) {
        List<String> problems = new ArrayList<>();
        if (phase == null) {
            problems.add(field + ".phase is required: \"PLAN\" (ITEMS' answer) or \"OFFBOARD\" (LIMIT's)");
        }
        if (accounts == null) {
            problems.add(field + ".accounts is required: the accounts of the phase");
        } else {
            for (int i = 0; i < accounts.size(); i++) {
                if (accounts.get(i) == null) {
                    problems.add(field + ".accounts[" + i + "] is null: pass on the phase's accounts as ITEMS or LIMIT"
                            + " answered them");
                }
            }
        }
        return problems;
    }
}
