package dev.offboarding.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * IAM calls of one offboarding (ListTokens, RemoveTokens, DeleteUser with no propagation lag), from the simulator's
 * log, against the least any tool could make: one list per kind, the calls IAM requires per item (two for a
 * virtual MFA device: deactivate, then delete), and DeleteUser. The deny of every action (attached first, lifted
 * last) is two calls above that minimum, by design.
 */
final class IamCallCounts {
    static final int LIST_KINDS = 9;
    private static final List<String> ACCOUNT_WIDE = List.of("ListUsers", "ListVirtualMFADevices", "ListGroups",
            "ListPolicies", "ListRoles", "GetAccountAuthorizationDetails");

    record Count(String scenario, int items, int actual, int minimum, Map<String, Long> byOperation,
                 long accountWideCalls) {
        int overMinimum() {
            return actual - minimum;
        }
    }

    static Count offboard(String scenario, Path file, String userName) {
        IamSimulator iam = Functions.world(file);
        JsonNode inventory = Functions.listTokens(iam, userName);
        JsonNode removal = Functions.removeTokens(iam, inventory);
        Functions.deleteUser(iam, userName);
        if (iam.userExists(userName)) {
            throw new IllegalStateException(userName + " was not deleted");
        }
        List<Call> calls = iam.calls().all();
        Map<String, Long> byOperation = new TreeMap<>();
        calls.forEach(call -> byOperation.merge(call.operation(), 1L, Long::sum));
        int required = 0;
        int items = 0;
        for (JsonNode item : removal.get("items")) {
            if (item.get("id").asText().endsWith(":policy/AWSDenyAll")) {
                continue; // the deny's own lift: like its attach, a call the product adds, not one IAM requires
            }
            items++;
            required += "MFA_DEVICE".equals(item.get("kind").asText())
                    && item.get("id").asText().startsWith("arn:") ? 2 : 1;
        }
        long accountWide = calls.stream().filter(call -> ACCOUNT_WIDE.contains(call.operation())).count();
        return new Count(scenario, items, calls.size(), LIST_KINDS + required + 1, byOperation, accountWide);
    }
}
