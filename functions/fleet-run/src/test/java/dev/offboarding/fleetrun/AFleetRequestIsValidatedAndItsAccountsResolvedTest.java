package dev.offboarding.fleetrun;

import static dev.offboarding.fleetrun.FleetWorld.HOME;
import static dev.offboarding.fleetrun.FleetWorld.MEMBER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.errors.SelectionFailedException;
import dev.offboarding.fleet.FleetRequest;
import org.junit.jupiter.api.Test;

/** VALIDATE: the fleet request as the execution was started with it, before any IAM, S3 or Organizations call. */
class AFleetRequestIsValidatedAndItsAccountsResolvedTest {
    private final FleetWorld world = new FleetWorld();

    @Test
    void aRequestWithoutAccountsSelectsInTheHomeAccountAsADryRunWithTheTemplatesLimits() {
        JsonNode fleet = world.validate("{'users': ['alice']}");

        assertEquals(FleetWorld.FLEET_EXECUTION, fleet.get("run").asText());
        assertEquals(FleetWorld.FLEET_EXECUTION, fleet.get("fleetExecution").asText());
        assertEquals("2026-12-02T10:00:00Z", fleet.get("startedAt").asText());
        assertEquals("[\"" + HOME + "\"]", fleet.get("accounts").toString());
        JsonNode request = fleet.get("request");
        assertTrue(request.get("dryRun").asBoolean());
        assertFalse(request.get("requireApproval").asBoolean());
        assertEquals(25, request.get("maxUsersPerRun").asInt());
        assertEquals(10, request.get("maxShareOfAccount").asInt());
        assertEquals(5, request.get("maxConcurrencyPerAccount").asInt());
        assertEquals(3600, request.get("approvalTimeoutSeconds").asInt(), "the template's ApprovalTimeoutSeconds");
        assertFalse(request.has("accounts"), "absent fields stay absent: the next stages refuse a null");
    }

    @Test
    void organizationTrueSelectsInEveryActiveAccountOrganizationsLists() {
        JsonNode fleet = world.validate("{'organization': true, 'unusedForDays': 90, 'run': 'stale-2026'}");

        assertEquals("[\"" + MEMBER + "\",\"222222222222\"]", fleet.get("accounts").toString());
        assertEquals("stale-2026", fleet.get("run").asText());
    }

    @Test
    void anOrganizationOfMoreActiveAccountsThanARunSelectsInIsRefusedAsAnInvalidRequestNamingTheFix() {
        world.organization.clear();
        for (int i = 0; i <= FleetRequest.MAX_ACCOUNTS; i++) {
            world.organization.add(String.format("%012d", 300_000_000_000L + i));
        }

        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> world.validate("{'organization': true, 'unusedForDays': 90}"));

        assertTrue(refused.getMessage().contains("request.organization"), refused.getMessage());
        assertTrue(refused.getMessage().contains("more than " + FleetRequest.MAX_ACCOUNTS + " ACTIVE accounts"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("split the run"), refused.getMessage());
        assertTrue(world.store.keys("").isEmpty(), "VALIDATE writes nothing");
    }

    @Test
    void anOrganizationOfAsManyActiveAccountsAsARunSelectsInIsAccepted() {
        world.organization.clear();
        for (int i = 0; i < FleetRequest.MAX_ACCOUNTS; i++) {
            world.organization.add(String.format("%012d", 300_000_000_000L + i));
        }

        JsonNode fleet = world.validate("{'organization': true, 'unusedForDays': 90}");

        assertEquals(FleetRequest.MAX_ACCOUNTS, fleet.get("accounts").size());
    }

    @Test
    void organizationsRefusingListAccountsFailsTheSelectionNeverSelectingNoAccount() {
        world.organizationFails = new SelectionFailedException("organizations:ListAccounts failed with"
                + " AccessDeniedException (400)");

        assertThrows(SelectionFailedException.class, () -> world.validate("{'organization': true, 'users': ['a']}"));
    }

    @Test
    void givenAccountsAreKeptAsGiven() {
        JsonNode fleet = world.validate("{'accounts': ['" + MEMBER + "'], 'tags': [{'key': 'team', 'value': 'x'}],"
                + " 'dryRun': false, 'maxUsersPerRun': 3}");

        assertEquals("[\"" + MEMBER + "\"]", fleet.get("accounts").toString());
        assertFalse(fleet.get("request").get("dryRun").asBoolean());
        assertEquals(3, fleet.get("request").get("maxUsersPerRun").asInt());
    }

    @Test
    void aRequestWithoutSelectorIsRefusedItWouldSelectEveryUser() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> world.validate("{'accounts': ['" + MEMBER + "']}"));
        assertTrue(refused.getMessage().contains("users, usersFrom, pathPrefix, tags, unusedForDays"),
                refused.getMessage());
    }

    @Test
    void aNullAnUnknownFieldOrAMissingStageIsRefusedNamingTheField() {
        InvalidRequestException nulled = assertThrows(InvalidRequestException.class,
                () -> world.validate("{'users': ['alice'], 'dryRun': null}"));
        assertTrue(nulled.getMessage().contains("request.dryRun"), nulled.getMessage());

        InvalidRequestException unknown = assertThrows(InvalidRequestException.class,
                () -> world.validate("{'users': ['alice'], 'dryrun': false}"));
        assertTrue(unknown.getMessage().contains("request.dryrun"), unknown.getMessage());

        InvalidRequestException noStage = assertThrows(InvalidRequestException.class,
                () -> world.invoke(FleetWorld.json("{'fleetExecution': 'x'}")));
        assertTrue(noStage.getMessage().contains("\"stage\""), noStage.getMessage());

        InvalidRequestException noStart = assertThrows(InvalidRequestException.class,
                () -> world.invoke(FleetWorld.json("{'stage': 'VALIDATE', 'fleetExecution': 'x', 'request': {}}")));
        assertTrue(noStart.getMessage().contains("startedAt"), noStart.getMessage());
    }

    @Test
    void anEventCannotLiftTheApprovalNorRaiseTheLimits() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> world.validate("{'users': ['alice'], 'requireApproval': false, 'maxUsersPerRun': 500,"
                        + " 'trigger': {'eventId': 'e-1', 'source': 'hr.system', 'time': '2026-12-02T09:00:00Z'}}"));
        assertTrue(refused.getMessage().contains("requireApproval"), refused.getMessage());
        assertTrue(refused.getMessage().contains("maxUsersPerRun"), refused.getMessage());
    }

    @Test
    void aFleetStartedByAnEventRequiresApprovalByDefault() {
        JsonNode fleet = world.validate("{'users': ['alice'], 'trigger': {'eventId': 'e-1', 'source': 'hr.system',"
                + " 'time': '2026-12-02T09:00:00Z'}}");
        assertTrue(fleet.get("request").get("requireApproval").asBoolean());
    }
}
