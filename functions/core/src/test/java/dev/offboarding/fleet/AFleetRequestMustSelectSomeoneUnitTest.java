package dev.offboarding.fleet;

import static dev.offboarding.fleet.FleetRequests.read;
import static dev.offboarding.fleet.FleetRequests.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No selector would mean every user of every account: refused, naming the selectors. They combine with AND. */
class AFleetRequestMustSelectSomeoneUnitTest {
    @Test
    void aRequestWithoutAnySelectorIsRefusedNamingEverySelector() {
        List<String> problems = refused("{\"accounts\": [\"111111111111\"], \"dryRun\": false}");
        assertEquals(1, problems.size(), problems.toString());
        for (String selector : List.of("users", "usersFrom", "pathPrefix", "tags", "unusedForDays")) {
            assertTrue(problems.get(0).contains(selector), problems.get(0));
        }
        assertTrue(problems.get(0).contains("every user"), problems.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"users\": [\"alice\"]}",
            "{\"usersFrom\": {\"bucket\": \"lists\", \"key\": \"leavers.csv\"}}",
            "{\"pathPrefix\": \"/contractors/\"}",
            "{\"tags\": [{\"key\": \"team\", \"value\": \"payments\"}]}",
            "{\"unusedForDays\": 45}"})
    void anyOneSelectorIsEnough(String json) {
        assertEquals(1, read(json).selectors().size());
    }

    @Test
    void selectorsCombine() {
        FleetRequest request = read("{\"users\": [\"alice\"], \"pathPrefix\": \"/contractors/\","
                + " \"tags\": [{\"key\": \"team\", \"value\": \"payments\"}], \"unusedForDays\": 45}");
        assertEquals(List.of("users", "pathPrefix", "tags", "unusedForDays"), request.selectors());
    }

    @Test
    void usersAndUsersFromAreMutuallyExclusive() {
        List<String> problems = refused("{\"users\": [\"alice\"], \"usersFrom\": {\"bucket\": \"lists\","
                + " \"key\": \"leavers.json\"}}");
        assertEquals(List.of("users and usersFrom cannot both be given: name the users in one of them"), problems);
    }

    @Test
    void anUnknownFieldIsRefusedNamingTheAcceptedOnes() {
        List<String> problems = refused("{\"users\": [\"alice\"], \"force\": true}");
        assertTrue(problems.get(0).contains("unknown field \"force\""), problems.toString());
        assertTrue(problems.get(0).contains("maxUsersPerRun"), problems.toString());
    }

    @Test
    void aNullFlagIsRefusedRatherThanReadAsItsDefault() {
        List<String> problems = refused("{\"users\": [\"alice\"], \"dryRun\": null}");
        assertTrue(problems.get(0).contains("\"dryRun\""), problems.toString());
    }

    @Test
    void problemsOfANestedRequestAreNamedByTheirPath() {
        FleetRequest request = new FleetRequest(null, null, null, List.of("bad name"), null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
        assertTrue(request.problems("request").get(0).startsWith("request.users[0] contains"),
                request.problems("request").toString());
    }
}
