package dev.offboarding.fleetrun;

import static dev.offboarding.fleetrun.FleetWorld.HOME;
import static dev.offboarding.fleetrun.FleetWorld.MEMBER;
import static dev.offboarding.fleetrun.FleetWorld.array;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.json.RequestReader;
import dev.offboarding.records.DirectoryRecordStore;
import dev.offboarding.validation.OffboardingRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ITEMS: each candidate gets a dry run, written where the RunChildren map's ItemReader reads it. */
class PlanItemsAreDryRunsOfEveryCandidateTest {
    private static final String F = "fleet/stale/" + FleetWorld.FLEET_EXECUTION + "/";

    @TempDir
    Path folder;

    @Test
    void eachCandidateIsADryRunOfTheSingleUserWorkflowNamingItsAccountOnlyWhenItIsNotTheHomeAccount() {
        FleetWorld world = new FleetWorld();
        JsonNode fleet = world.validate("{'run': 'stale', 'accounts': ['" + HOME + "', '" + MEMBER + "'],"
                + " 'users': ['alice', 'bob', 'carol'], 'reason': 'left', 'quarantineDays': 7}");
        JsonNode selected = array(world.selected(fleet, HOME, 40, List.of("alice"), List.of("carol")),
                world.selected(fleet, MEMBER, 10, List.of("bob"), List.of()));

        JsonNode answer = world.invoke(world.items(fleet, selected));

        assertEquals("PLAN", answer.get("phase").asText());
        assertEquals(2, answer.get("candidates").asInt());
        JsonNode home = world.read(F + "plan/" + HOME + ".json");
        assertEquals("[{\"execution\":\"" + FleetWorld.planName(HOME, "alice") + "\",\"userName\":\"alice\","
                + "\"accountId\":\"" + HOME + "\",\"request\":{\"userName\":\"alice\",\"dryRun\":true,"
                + "\"quarantineDays\":7,\"reason\":\"fleet run stale: left\",\"requestedBy\":\"fleet run stale\"}}]",
                home.toString());
        JsonNode member = world.read(F + "plan/" + MEMBER + ".json").get(0).get("request");
        assertEquals(MEMBER, member.get("accountId").asText());
        // What the OffboardUser workflow's validate-request reads it as: a valid request, no force or allowPrivileged.
        OffboardingRequest request = RequestReader.read(member, OffboardingRequest.class);
        assertEquals(List.of(), request.problems());
        assertFalse(member.has("force") || member.has("allowPrivileged") || member.has("trigger"), member.toString());
    }

    @Test
    void eachAccountNamesItsItemsAndResultsPrefixAsTheStoreKeepsThemAndAccountsWithoutCandidatesAreLeftOut() {
        FleetWorld world = new FleetWorld(new DirectoryRecordStore(folder));
        JsonNode fleet = world.validate("{'run': 'stale', 'accounts': ['" + HOME + "', '" + MEMBER + "'],"
                + " 'pathPrefix': '/contractors/', 'maxConcurrencyPerAccount': 3}");
        JsonNode selected = array(world.selected(fleet, HOME, 40, List.of(), List.of()),
                world.selected(fleet, MEMBER, 10, List.of("bob"), List.of()));

        JsonNode accounts = world.invoke(world.items(fleet, selected)).get("accounts");

        assertEquals("[{\"accountId\":\"" + MEMBER + "\",\"items\":{\"Bucket\":\"local-records\",\"Key\":\"" + F
                + "plan/" + MEMBER + ".json\"},\"resultsPrefix\":\"" + F + "plan/results/" + MEMBER + "\","
                + "\"maxConcurrency\":3}]", accounts.toString());
        assertTrue(folder.resolve(F + "plan/" + MEMBER + ".json").toFile().isFile());
    }

    @Test
    void aSelectionThatIsNotSelectUsersAnswerForTheFleetsAccountsIsRefusedNamingTheField() {
        FleetWorld world = new FleetWorld();
        JsonNode fleet = world.validate("{'run': 'stale', 'accounts': ['" + MEMBER + "'], 'users': ['bob']}");
        ObjectNode selection = world.selected(fleet, MEMBER, 10, List.of("bob"), List.of());

        ObjectNode elsewhere = selection.deepCopy().put("key", "fleet/other/x/candidates/" + MEMBER + ".json");
        InvalidRequestException key = assertThrows(InvalidRequestException.class,
                () -> world.invoke(world.items(fleet, array(elsewhere))));
        assertTrue(key.getMessage().contains("selected[0].key"), key.getMessage());

        InvalidRequestException missing = assertThrows(InvalidRequestException.class,
                () -> world.invoke(world.items(fleet, array())));
        assertTrue(missing.getMessage().contains("selected must have one answer for each of fleet.accounts"),
                missing.getMessage());

        ObjectNode noCount = selection.deepCopy();
        noCount.remove("candidates");
        InvalidRequestException count = assertThrows(InvalidRequestException.class,
                () -> world.invoke(world.items(fleet, array(noCount))));
        assertTrue(count.getMessage().contains("selected[0].candidates"), count.getMessage());

        ObjectNode tampered = world.items(fleet, array(selection));
        ((ObjectNode) tampered.get("fleet")).put("run", "other");
        InvalidRequestException run = assertThrows(InvalidRequestException.class, () -> world.invoke(tampered));
        assertTrue(run.getMessage().contains("fleet.run"), run.getMessage());
    }

    @Test
    void aCandidatesFileThatDisagreesWithSelectUsersAnswerIsRefused() {
        FleetWorld world = new FleetWorld();
        JsonNode fleet = world.validate("{'run': 'stale', 'accounts': ['" + MEMBER + "'], 'users': ['bob']}");
        ObjectNode selection = world.selected(fleet, MEMBER, 10, List.of("bob"), List.of()).put("candidates", 2);

        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> world.invoke(world.items(fleet, array(selection))));
        assertTrue(refused.getMessage().contains("lists 1 candidates"), refused.getMessage());
    }

    @Test
    void aChildRequestTheSingleUserWorkflowWouldRefuseIsNeverWritten() {
        FleetWorld world = new FleetWorld();
        // 1024 characters: a valid fleet reason, but with "fleet run stale: " before it the child's is too long.
        JsonNode fleet = world.validate("{'run': 'stale', 'users': ['alice'], 'reason': '" + "r".repeat(1024) + "'}");
        JsonNode selected = array(world.selected(fleet, HOME, 10, List.of("alice"), List.of()));

        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> world.invoke(world.items(fleet, selected)));
        assertTrue(refused.getMessage().contains("would be refused by OffboardUser: reason is 1041 characters long"),
                refused.getMessage());
        assertTrue(world.store.get(F + "plan/" + HOME + ".json").isEmpty());
    }
}
