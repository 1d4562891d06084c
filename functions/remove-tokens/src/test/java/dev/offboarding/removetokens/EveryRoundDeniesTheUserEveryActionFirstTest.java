package dev.offboarding.removetokens;

import static dev.offboarding.removetokens.RoundRequests.dryRun;
import static dev.offboarding.removetokens.RoundRequests.invoke;
import static dev.offboarding.removetokens.RoundRequests.items;
import static dev.offboarding.removetokens.RoundRequests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.audit.RemovalRound;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.DenyAttachment;
import dev.offboarding.model.DenyMechanism;
import dev.offboarding.model.UserDetails;
import dev.offboarding.model.UserInventory;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import dev.offboarding.simulator.SimulatedCrash;
import dev.offboarding.testing.ListedInventories;
import dev.offboarding.testing.LoggedEvents;
import dev.offboarding.testing.MockIam;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;

/**
 * Deactivating a key or deleting a password ends neither the temporary credentials it already issued nor a console
 * session: their requests are evaluated against the user's permissions at each call, and an explicit deny wins over
 * every allow. So every round, LOCK_OUT and REMOVE alike, first attaches AWSDenyAll to the user (AttachUserPolicy),
 * before any other change; the answer, and the round the workflow records from it, say how and when. A dry run calls
 * nothing and says which deny it would attach.
 */
class EveryRoundDeniesTheUserEveryActionFirstTest {
    private static final Path EVERY_BLOCKER = Path.of("..", "..", "events", "scenarios", "every-blocker.json");
    private static final String USER = "every_blocker";
    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final IamSimulator simulator = IamSimulator.fromFile(EVERY_BLOCKER, clock);
    private final IamGateway gateway = new IamGateway(simulator);
    private final LocalContext context = new LocalContext("remove-tokens");

    private UserInventory inventory() {
        return ListedInventories.of(gateway, USER, clock.instant(), List.of(BlockerKind.values()));
    }

    /** The changes IAM received from one round of {@code mode}, in order, and the round's answer. */
    private record Round(List<Call> changes, JsonNode result) {
    }

    private Round round(String mode) throws Exception {
        UserInventory inventory = inventory();
        simulator.calls().clear();
        JsonNode result = invoke(simulator, clock, context, request(mode, inventory));
        return new Round(simulator.calls().mutating(), result);
    }

    private static boolean isTheDenysAttachment(Call call) {
        return call.operation().equals("AttachUserPolicy") && call.target().equals(USER + "/" + DENY_ALL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOCK_OUT", "REMOVE"})
    void theDenyIsTheFirstChangeBeforeAnyDeactivation(String mode) throws Exception {
        List<Call> changes = round(mode).changes();

        assertTrue(isTheDenysAttachment(changes.get(0)), "AttachUserPolicy AWSDenyAll first: " + changes);
        assertEquals(1, changes.stream().filter(EveryRoundDeniesTheUserEveryActionFirstTest::isTheDenysAttachment)
                .count(), changes.toString());
        assertTrue(IntStream.range(0, changes.size()).filter(i -> changes.get(i).operation().startsWith("Update"))
                .allMatch(i -> i > 0), "every deactivation after the deny: " + changes);
    }

    @Test
    void aLockedOutUserHasAwsDenyAllAttachedAndTheAnswerSaysHowAndWhen() throws Exception {
        JsonNode result = round("LOCK_OUT").result();

        assertTrue(gateway.attachedPolicies(USER).stream().anyMatch(p -> p.policyArn().equals(DENY_ALL)),
                gateway.attachedPolicies(USER).toString());
        assertEquals(Json.mapper().createObjectNode().put("how", "MANAGED_POLICY").put("policy", DENY_ALL)
                .put("attachedAt", NOW.toString()).put("alreadyInPlace", false), result.get("deny"),
                "a managed policy, when IAM accepted it, nothing replaced and nothing refused");
    }

    @Test
    void theRoundTheWorkflowRecordsKeepsTheDenyAsTheAnswerGaveIt() throws Exception {
        JsonNode result = round("LOCK_OUT").result();
        // What the state machine's ResultSelector keeps of remove-tokens' answer, and record-outcome reads.
        ObjectNode selected = Json.mapper().createObjectNode();
        for (String field : List.of("mode", "quarantineUntil", "deny", "items")) {
            selected.set(field, result.get(field));
        }

        RemovalRound recorded = Json.mapper().treeToValue(selected, RemovalRound.class);

        assertEquals(new DenyAttachment(DenyMechanism.MANAGED_POLICY, DENY_ALL, NOW, false, null, null),
                recorded.deny());
        assertEquals(result.get("deny"), Json.mapper().valueToTree(recorded).get("deny"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOCK_OUT", "REMOVE"})
    void aDryRunCallsNothingAndSaysWhichDenyItWouldAttach(String mode) throws Exception {
        IamClient iam = MockIam.iamClient();
        UserInventory inventory = inventory();

        JsonNode plan = invoke(iam, clock, context, dryRun(mode, inventory));

        verifyNoInteractions(iam);
        assertEquals(Json.mapper().createObjectNode().put("how", "MANAGED_POLICY").put("policy", DENY_ALL)
                .putNull("attachedAt").put("alreadyInPlace", false), plan.get("deny"), "planned, so at no time yet");
        assertTrue(items(plan).stream().allMatch(item -> item.contains(" WOULD_")), items(plan).toString());
    }

    @Test
    void aDryRunOfAUserWhoseBoundaryIsAlreadyTheDenyPlansToConfirmIt() throws Exception {
        IamClient iam = MockIam.iamClient();
        UserInventory inventory = withBoundary(inventory(), DENY_ALL);

        JsonNode plan = invoke(iam, clock, context, dryRun("REMOVE", inventory));

        verifyNoInteractions(iam);
        assertEquals(Json.mapper().createObjectNode().put("how", "PERMISSIONS_BOUNDARY").put("policy", DENY_ALL)
                .putNull("attachedAt").put("alreadyInPlace", true), plan.get("deny"));
        assertTrue(items(plan).stream().noneMatch(item -> item.contains(DENY_ALL)), "a boundary is not lifted");
    }

    /** An earlier round's fallback left AWSDenyAll as the boundary: the round sets it again, the same way. */
    @Test
    void aBoundaryDenyAlreadyInPlaceIsSetAgainAndSaidToBeInPlace() throws Exception {
        IamClient iam = MockIam.iamClient();
        doReturn(PutUserPermissionsBoundaryResponse.builder().build())
                .when(iam).putUserPermissionsBoundary(any(PutUserPermissionsBoundaryRequest.class));
        doReturn(UpdateAccessKeyResponse.builder().build()).when(iam).updateAccessKey(any(UpdateAccessKeyRequest.class));
        ObjectNode lockOut = (ObjectNode) Json.mapper().readTree("{\"mode\": \"LOCK_OUT\", \"inventory\": {\"userName\":"
                + " \"bob\", \"user\": {\"arn\": \"arn:aws:iam::123456789012:user/bob\", \"permissionsBoundary\": \""
                + DENY_ALL + "\"}, \"accessKeys\": [{\"accessKeyId\": \"AKIAIOSFODNN7EXAMPLE\", \"status\":"
                + " \"Active\"}]}}");

        JsonNode result = invoke(iam, clock, context, lockOut);

        assertEquals(List.of("putUserPermissionsBoundary", "updateAccessKey"), MockIam.operationsSent(iam));
        verify(iam).putUserPermissionsBoundary(PutUserPermissionsBoundaryRequest.builder().userName("bob")
                .permissionsBoundary(DENY_ALL).build());
        assertEquals(Json.mapper().createObjectNode().put("how", "PERMISSIONS_BOUNDARY").put("policy", DENY_ALL)
                .put("attachedAt", NOW.toString()).put("alreadyInPlace", true), result.get("deny"));
        verify(iam, org.mockito.Mockito.never()).attachUserPolicy(any(AttachUserPolicyRequest.class));
    }

    @Test
    void theDenyIsLoggedBeforeTheFirstItem() throws Exception {
        round("LOCK_OUT");

        List<String> events = LoggedEvents.of(context);
        assertEquals("{\"event\":\"deny-attached\",\"execution\":null,\"userName\":\"" + USER + "\",\"mode\":"
                + "\"LOCK_OUT\",\"dryRun\":false,\"how\":\"MANAGED_POLICY\",\"policy\":\"" + DENY_ALL + "\","
                + "\"attachedAt\":\"" + NOW + "\",\"alreadyInPlace\":false,\"replacedBoundary\":null}", events.get(0));
        assertEquals(1 + 9, events.size(), "the deny, then each of the nine deactivations: " + events);
    }

    /**
     * A round that stops midway (its time ran out, its process died) leaves only its log lines of what it did: the
     * deny, the first change, is among them.
     */
    @Test
    void aRoundThatStopsAfterItsFirstDeactivationHasLoggedTheDeny() {
        UserInventory inventory = inventory();
        simulator.faults().crashAfter("UpdateAccessKey", () -> { });

        assertThrows(SimulatedCrash.class, () -> invoke(simulator, clock, context, request("LOCK_OUT", inventory)));

        assertTrue(LoggedEvents.of(context).stream().anyMatch(line -> line.startsWith(
                "{\"event\":\"deny-attached\"") && line.contains(DENY_ALL)), LoggedEvents.of(context).toString());
    }

    private static UserInventory withBoundary(UserInventory u, String boundary) {
        UserDetails d = u.user();
        return new UserInventory(u.userName(), u.exists(), new UserDetails(d.arn(), d.userId(), d.path(),
                d.createDate(), d.passwordLastUsed(), boundary, d.tags()), u.loginProfile(), u.accessKeys(),
                u.signingCertificates(), u.sshPublicKeys(), u.serviceSpecificCredentials(), u.mfaDevices(),
                u.inlinePolicies(), u.attachedPolicies(), u.groups(), u.lastActivity(), u.protectedUser(),
                u.recentlyActive(), u.privileged(), u.privilegeReasons(), u.takenAt(), u.execution());
    }
}
