package dev.offboarding.selectusers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.SelectionFailedException;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateways;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In another account than the stack's, every call goes through that account's member read role, assumed with a
 * session named after the fleet execution; in the stack's own account, with the function's own credentials.
 */
class AMemberAccountIsReadThroughItsReadRoleTest {
    private static final String MEMBER = "210987654321";
    private final SimulatedAccount member = new SimulatedAccount().user("alice").user("bob");
    private final List<String> assumed = new ArrayList<>();

    private SelectUsersHandler handler(String userPath) {
        IamGateways gateways = new IamGateways(new IamGateway(new SimulatedAccount().iam), (roleArn, session) -> {
            assumed.add(roleArn + " as " + session);
            return member.iam;
        }, "iam-offboarding-read", "aws");
        return new SelectUsersHandler(gateways, new SelectionSettings(SimulatedAccount.ACCOUNT, userPath),
                member.store, from -> {
                    throw new AssertionError("no users file");
                }, member.clock);
    }

    @Test
    void theMemberAccountsUsersAreSelectedThroughItsReadRole() throws Exception {
        String input = SimulatedAccount.input("{\"users\": [\"alice\"]}").replace(SimulatedAccount.ACCOUNT, MEMBER);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        handler("/").handleRequest(new java.io.ByteArrayInputStream(input.getBytes()), out, member.context);

        assertEquals(List.of("arn:aws:iam::210987654321:role/iam-offboarding-read as " + SimulatedAccount.FLEET_EXECUTION),
                assumed);
        JsonNode output = dev.offboarding.json.Json.mapper().readTree(out.toByteArray());
        assertEquals(MEMBER, output.get("accountId").asText());
        assertEquals(1, output.get("candidates").asInt());
        assertEquals(List.of("fleet/fleet-2026-12-01/fleet-2026-12-01/candidates/210987654321.json"),
                member.store.keys("fleet/"));
    }

    @Test
    void aDenialNamesTheMemberReadRoleToCheck() {
        member.simulator.faults().deny("ListUsers");
        String input = SimulatedAccount.input("{\"users\": [\"alice\"]}").replace(SimulatedAccount.ACCOUNT, MEMBER);

        SelectionFailedException failed = assertThrows(SelectionFailedException.class, () -> handler("/")
                .handleRequest(new java.io.ByteArrayInputStream(input.getBytes()), new java.io.ByteArrayOutputStream(),
                        member.context));

        assertTrue(failed.getMessage().contains("Check: that the member read role"
                + " arn:aws:iam::210987654321:role/iam-offboarding-read (templates/member-account-role.yaml) may call"
                + " iam:ListUsers"), failed.getMessage());
    }

    @Test
    void aRequestWithoutAPathListsOnlyTheStacksUserPath() {
        member.user("carol", "/offboardable/", java.time.Instant.parse("2026-01-01T00:00:00Z"));
        String input = SimulatedAccount.input("{\"users\": [\"alice\", \"carol\"]}")
                .replace(SimulatedAccount.ACCOUNT, MEMBER);

        assertThrowsNothing(() -> handler("/offboardable/").handleRequest(
                new java.io.ByteArrayInputStream(input.getBytes()), new java.io.ByteArrayOutputStream(),
                member.context));

        assertEquals(List.of("carol"), SimulatedAccount.names(member.candidatesFileOf(MEMBER).get("candidates"),
                "userName"));
        assertEquals(List.of("alice"), SimulatedAccount.names(member.candidatesFileOf(MEMBER).get("notFound"), null));
    }

    @Test
    void aPathBesideTheStacksUserPathIsRefused() {
        String input = SimulatedAccount.input("{\"pathPrefix\": \"/contractors/\"}").replace(SimulatedAccount.ACCOUNT,
                MEMBER);

        dev.offboarding.errors.InvalidRequestException refused = assertThrows(
                dev.offboarding.errors.InvalidRequestException.class, () -> handler("/offboardable/").handleRequest(
                        new java.io.ByteArrayInputStream(input.getBytes()), new java.io.ByteArrayOutputStream(),
                        member.context));

        assertTrue(refused.getMessage().contains("request.pathPrefix \"/contractors/\" is outside the stack's"
                + " UserPath \"/offboardable/\""), refused.getMessage());
        assertEquals(List.of(), assumed, "refused before any call");
    }

    private static void assertThrowsNothing(org.junit.jupiter.api.function.Executable call) {
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(call);
    }
}
