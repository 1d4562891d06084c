package dev.offboarding.fleetrun;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The inputs of ITEMS, LIMIT and REPORT: the validated fleet and what the workflow gathered since. */
final class StageInputs {
    private StageInputs() {
    }

    /** {@code {"stage":"ITEMS","fleet":...,"selected":[...]}}. */
    @JsonDeserialize(using = JsonDeserializer.None.class)
    record Items(Stage stage, Fleet fleet, List<Selection> selected) implements StageInput {
        @Override
        public List<String> problems() {
            return fleetAndSelection(fleet, selected, true);
        }
    }

    /** {@code {"stage":"LIMIT","fleet":...,"selected":[...],"phase": <ITEMS' answer>}}. */
    @JsonDeserialize(using = JsonDeserializer.None.class)
    record Limit(Stage stage, Fleet fleet, List<Selection> selected, PhaseState phase) implements StageInput {
        @Override
        public List<String> problems() {
            List<String> problems = fleetAndSelection(fleet, selected, true);
            if (phase == null) {
                problems.add("phase is required: ITEMS' answer for the plan phase");
            } else {
                problems.addAll(phase.problems("phase"));
                if (phase.phase() != null && phase.phase() != Phase.PLAN) {
                    problems.add("phase.phase must be PLAN: LIMIT reads the plan phase's results");
                }
            }
            return problems;
        }
    }

    /**
     * {@code {"stage":"REPORT","fleet":...,"selected":[...]?,"phase":...?,"approval":{...}?,"ending":{...}?}}: without
     * an ending the fleet ran to its end, so {@code phase} is the offboard phase's (LIMIT's answer, or ITEMS' when there
     * was no plan phase).
     */
    @JsonDeserialize(using = JsonDeserializer.None.class)
    record Report(Stage stage, Fleet fleet, List<Selection> selected, PhaseState phase, Approval approval,
                  Ending ending) implements StageInput {
        @Override
        public List<String> problems() {
            List<String> problems = fleetAndSelection(fleet, selected, false);
            if (phase != null) {
                problems.addAll(phase.problems("phase"));
            }
            if (approval != null) {
                problems.addAll(approval.problems("approval"));
            }
            if (ending != null) {
                problems.addAll(ending.problems("ending"));
            } else if (phase == null || phase.phase() != Phase.OFFBOARD) {
                problems.add("phase must be the offboard phase (LIMIT's or ITEMS' answer, phase OFFBOARD) when there"
                        + " is no ending: a fleet that ended early is reported with its ending {\"error\", \"cause\"}");
            }
            if (approval != null && approval.decision() == Approval.Decision.APPROVED && ending != null
                    && FleetErrors.APPROVAL_REJECTED.equals(ending.error())) {
                problems.add("approval.decision is APPROVED but ending.error is " + FleetErrors.APPROVAL_REJECTED
                        + ": a plan is approved or rejected, not both");
            }
            return problems;
        }
    }

    private static List<String> fleetAndSelection(Fleet fleet, List<Selection> selected, boolean required) {
        List<String> problems = new ArrayList<>();
        if (fleet == null) {
            problems.add("fleet is required: VALIDATE's answer");
            return problems;
        }
        problems.addAll(fleet.problems());
        if (selected == null) {
            if (required) {
                problems.add("selected is required: select-users' answer for each of fleet.accounts");
            }
            return problems;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < selected.size(); i++) {
            Selection selection = selected.get(i);
            if (selection == null) {
                problems.add("selected[" + i + "] is null: give select-users' answer");
                continue;
            }
            List<String> own = selection.problems("selected[" + i + "]", fleet.keys());
            problems.addAll(own);
            if (own.isEmpty() && !seen.add(selection.accountId())) {
                problems.add("selected[" + i + "].accountId " + selection.accountId() + " is selected twice");
            }
        }
        if (fleet.accounts() != null && problems.isEmpty() && !seen.equals(new HashSet<>(fleet.accounts()))) {
            problems.add("selected must have one answer for each of fleet.accounts " + fleet.accounts()
                    + "; it has them for " + seen);
        }
        return problems;
    }
}
