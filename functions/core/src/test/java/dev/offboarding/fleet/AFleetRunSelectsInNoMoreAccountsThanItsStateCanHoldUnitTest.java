package dev.offboarding.fleet;

import static dev.offboarding.fleet.FleetRequests.read;
import static dev.offboarding.fleet.FleetRequests.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A fleet execution's state holds every account of the run, and Step Functions refuses a state over 256 KiB: a
 * request names at most {@link FleetRequest#MAX_ACCOUNTS} accounts, and one that names more is told to split the run.
 */
class AFleetRunSelectsInNoMoreAccountsThanItsStateCanHoldUnitTest {

    private static String accounts(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("\"%012d\"", 100_000_000_000L + i))
                .collect(Collectors.joining(", ", "{\"unusedForDays\": 90, \"accounts\": [", "]}"));
    }

    @Test
    void asManyAccountsAsTheLimitAreAccepted() {
        assertEquals(FleetRequest.MAX_ACCOUNTS, read(accounts(FleetRequest.MAX_ACCOUNTS)).accounts().size());
    }

    @Test
    void oneAccountMoreIsRefusedNamingTheFieldTheLimitAndTheFix() {
        List<String> problems = refused(accounts(FleetRequest.MAX_ACCOUNTS + 1));

        assertEquals(1, problems.size(), problems.toString());
        String problem = problems.get(0);
        assertTrue(problem.startsWith("accounts must list 1 to " + FleetRequest.MAX_ACCOUNTS + " account ids; it lists "
                + (FleetRequest.MAX_ACCOUNTS + 1)), problem);
        assertTrue(problem.contains("256 KiB"), problem);
        assertTrue(problem.contains("split the run"), problem);
    }

    @Test
    void theLimitKeepsTheLargestStateUnderStepFunctionsPayloadLimitWithRoomToSpare() {
        // Per account, with the longest names (40-character run, 80-character execution, 63-character bucket): its id
        // in request.accounts and fleet.accounts, its selection summary and its items location, as the state has them.
        String run = "r".repeat(40);
        String execution = "e".repeat(80);
        String root = "fleet/" + run + "/" + execution + "/";
        String account = "111111111111";
        int ids = 2 * ("\"" + account + "\",").length();
        String selection = "{\"accountId\":\"" + account + "\",\"accountUsers\":5000,\"candidates\":5000,\"notFound\":0,"
                + "\"key\":\"" + root + "candidates/" + account + ".json\"},";
        String items = "{\"accountId\":\"" + account + "\",\"items\":{\"bucket\":\"" + "b".repeat(63) + "\",\"key\":"
                + "\"records/" + root + "offboard/" + account + ".json\"},\"resultsPrefix\":\"records/" + root
                + "offboard/results/" + account + "\",\"maxConcurrency\":50},";
        int perAccount = ids + selection.length() + items.length();
        // The largest request: 1,000 user names of 64 characters, a 1,024-character reason and requestedBy, 10 tags.
        int largestRequest = 1000 * (64 + 3) + 2 * 1024 + 10 * (128 + 256 + 20);

        int largestState = FleetRequest.MAX_ACCOUNTS * perAccount + largestRequest;

        assertTrue(largestState < 256 * 1024 * 0.9, largestState + " bytes leave less than 10 % of 256 KiB for the"
                + " approval and an error's cause");
    }
}
