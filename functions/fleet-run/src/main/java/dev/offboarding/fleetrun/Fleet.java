package dev.offboarding.fleetrun;

import dev.offboarding.fleet.FleetRequest;
import dev.offboarding.json.Validatable;
import dev.offboarding.records.RecordKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A validated fleet: VALIDATE's output, and the {@code fleet} every later stage is given. {@code request} has its
 * defaults filled in; {@code accounts} are the accounts it selects in (resolved from the organization when it asks).
 */
record Fleet(String run, String fleetExecution, Instant startedAt, FleetRequest request, List<String> accounts)
        implements Validatable, StageAnswer {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        problems.addAll(fleetExecutionProblems("fleet.fleetExecution", fleetExecution));
        if (startedAt == null) {
            problems.add("fleet.startedAt is required: the fleet execution's start ($$.Execution.StartTime)");
        }
        if (request == null) {
            problems.add("fleet.request is required: the normalized fleet request VALIDATE returned");
        } else {
            problems.addAll(request.normalizedProblems("fleet.request"));
            if (run == null || !run.equals(request.run())) {
                problems.add("fleet.run must be fleet.request.run (" + request.run() + ")");
            }
        }
        if (accounts == null || accounts.isEmpty() || accounts.size() > FleetRequest.MAX_ACCOUNTS) {
            problems.add("fleet.accounts must list the 1 to " + FleetRequest.MAX_ACCOUNTS + " accounts VALIDATE"
                    + " resolved");
        } else {
            var seen = new HashSet<String>();
            for (int i = 0; i < accounts.size(); i++) {
                if (accounts.get(i) == null || !ACCOUNT_ID.matcher(accounts.get(i)).matches()
                        || !seen.add(accounts.get(i))) {
                    problems.add("fleet.accounts[" + i + "] must be a 12-digit account id, listed once");
                }
            }
        }
        return problems;
    }

    /** A fleet execution's name is part of its record keys: letters, digits and _ + = , . @ : - only, 1 to 80. */
    static List<String> fleetExecutionProblems(String field, String value) {
        if (value == null) {
            return List.of(field + " is required: the fleet execution's name ($$.Execution.Name)");
        }
        if (!RecordKeys.isSegment(value)) {
            return List.of(field + " must be 1 to 80 letters, digits or _ + = , . @ : - (an execution name a record"
                    + " key can hold)");
        }
        return List.of();
    }

    FleetKeys keys() {
        return new FleetKeys(run, fleetExecution);
    }
}
