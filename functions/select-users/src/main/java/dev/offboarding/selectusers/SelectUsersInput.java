package dev.offboarding.selectusers;

import dev.offboarding.fleet.FleetRequest;
import dev.offboarding.json.Validatable;
import dev.offboarding.records.RecordKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One account's selection, as the fleet workflow's SelectUsers map gives it: the run, the fleet execution's name
 * ({@code $$.Execution.Name}), the account, and the request as ValidateFleetRequest normalized it.
 */
public record SelectUsersInput(String run, String fleetExecution, String accountId, FleetRequest request)
        implements Validatable {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (fleetExecution == null || !RecordKeys.isSegment(fleetExecution)) {
            problems.add("fleetExecution is required: the fleet execution's name ($$.Execution.Name), 1 to 80"
                    + " letters, digits and - _ . @ + = , :");
        }
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            problems.add("accountId must be the 12-digit id of the account to select in, e.g. \"111111111111\"");
        }
        if (request == null) {
            problems.add("request is required: the fleet request as ValidateFleetRequest normalized it");
            return problems;
        }
        problems.addAll(request.normalizedProblems("request"));
        if (run == null || !run.equals(request.run())) {
            problems.add("run must be the request's run (\"" + request.run() + "\"): pass ValidateFleetRequest's"
                    + " output on unchanged");
        }
        return problems;
    }
}
