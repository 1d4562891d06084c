package dev.offboarding.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.errors.UserDeleteConflictException;
import dev.offboarding.local.WorkflowEvent;
import dev.offboarding.local.WorkflowResult;
import dev.offboarding.simulator.Call;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The second layer of the conformance suite: the same definition as the mocked layer, with the real handlers and
 * the IAM simulator behind every task, on a logical clock. It proves the error names and payload shapes the Java side
 * really produces are the ones the definition expects, and the timing of its waits and retries.
 */
class OffboardUserWithRealFunctionsTest {
    private static final List<String> REFUSED_AT_ENTRY = List.of("ValidateRequest", "ExplainInvalidInput", "InvalidRequest");
    private static final List<String> REFUSED_AT_FIRST_LOOK = List.of("ValidateRequest", "Start", "OpenRecord",
            "InAnotherAccount", "ListTokens", "KeepFirstInventory", "Decide", "RecordOutcome", "Announce", "Concluded",
            "Failed");
    private static final String BOB = """
            {"users": [{"userName": "bob", "loginProfile": {},
                        "accessKeys": [{"accessKeyId": "AKIAQBOBEXAMPLE00001"}]}]}""";
    private static final Retrier CONFLICT = Retrier.of(RealFunctions.STATEMACHINE.resolve("offboard-user.asl.json"),
            "DeleteUser", UserDeleteConflictException.class.getName());
    private static final String TRIGGER = "{\"eventId\": \"6a7e8feb-b491-4cf7-a9f1-bf3703467718\", \"source\": \"hr.system\","
            + " \"time\": \"2026-11-20T12:00:00Z\"}";

    /**
     * IAM's delete-conflict check lags 3 s behind the removal, longer than the 2 s WaitForPropagation: DeleteUser
     * answers DeleteConflict, and the Retry calls it again until the first call at or past the lag, which deletes
     * the user. On the logical clock each call's time is exact, for every seed of the jitter.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 20261121})
    void littleTesterWithAThreeSecondLagIsDeletedAtTheFirstDeleteUserCallAfterTheLag(long seed) throws Exception {
        RealFunctions world = RealFunctions.scenario("little-tester");
        Duration lag = Duration.ofSeconds(RealFunctions.read(RealFunctions.EVENTS.resolve("scenarios/little-tester.json"))
                .path("simulator").path("visibilityLagSeconds").asLong());
        Duration propagationWait = Duration.ofSeconds(Long.parseLong(RealFunctions.substitutions()
                .get("PropagationWaitSeconds")));

        WorkflowResult result = world.offboard(RealFunctions.request("little-tester"), false, "lag-" + seed, seed);

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        JsonNode record = result.output();
        assertEquals("DELETED", record.path("outcome").asText());
        assertEquals("little_tester", record.path("userName").asText());
        assertEquals("Left the QA team", record.path("reason").asText());
        assertEquals("hr-system", record.path("requestedBy").asText());
        assertEquals(3, record.path("inventory").path("blockerCount").asInt(), "the inventory before removal");
        List<String> path = result.path();
        assertEquals(List.of("ListTokens", "RemoveTokens", "WaitForPropagation", "DeleteUser"),
                path.stream().filter(List.of("ListTokens", "RemoveTokens", "WaitForPropagation", "DeleteUser")::contains)
                        .distinct().toList(), "the removal path, in order: " + path);

        List<Call> deleteUsers = world.iam.calls().all().stream().filter(c -> c.operation().equals("DeleteUser")).toList();
        Instant removed = world.iam.calls().all().stream()
                .filter(c -> c.mutating() && c.outcome().equals("OK") && !c.operation().equals("DeleteUser"))
                .map(Call::at).max(Instant::compareTo).orElseThrow();
        Instant visibleUntil = removed.plus(lag);
        assertEquals(removed.plus(propagationWait), deleteUsers.get(0).at(),
                "the first DeleteUser call came WaitForPropagation after the removal");
        Call deleted = deleteUsers.get(deleteUsers.size() - 1);
        for (Call refused : deleteUsers.subList(0, deleteUsers.size() - 1)) {
            assertEquals("DeleteConflict", refused.outcome(), refused.toString());
            assertTrue(refused.at().isBefore(visibleUntil), "refused only while IAM still saw the removal: " + refused);
        }
        assertEquals("OK", deleted.outcome());
        assertFalse(deleted.at().isBefore(visibleUntil), "deleted once the lag had passed: " + deleted);
        assertEquals(deleted.at(), Instant.parse(record.path("deletedAt").asText()), "deletedAt is when IAM deleted it");
        assertEquals(deleteUsers.size(), record.path("deleteUserAttempts").asInt(), "every DeleteUser call counted");

        List<WorkflowEvent> retries = result.retriesOf("DeleteUser");
        assertEquals(deleteUsers.size() - 1, retries.size(), "one retry per conflict: " + deleteUsers);
        for (int i = 0; i < retries.size(); i++) {
            WorkflowEvent retry = retries.get(i);
            assertEquals(UserDeleteConflictException.class.getName(), retry.error());
            assertEquals(i + 1, retry.attempt());
            Duration pause = Duration.between(deleteUsers.get(i).at(), deleteUsers.get(i + 1).at());
            assertEquals(Duration.ofMillis(Math.round(retry.waitedSeconds() * 1000)), pause,
                    "the retry came the pause it reported after the call it retried");
            CONFLICT.assertAllows(i + 1, pause);
        }
        assertFalse(deleted.at().isAfter(visibleUntil.plus(CONFLICT.capOfRetry(retries.size()))),
                "deleted at most one Retry pause after the lag had passed");

        assertFalse(world.iam.userExists("little_tester"));
        assertTrue(world.iam.virtualMfaDeviceSerials().isEmpty(), "no virtual MFA device left orphaned");
        assertTrue(record.toString().contains("AKIAQLITTLETESTER001"), "the removed key's id is in the record");
    }

    @Test
    void aProtectedUserIsRefusedAndNothingIsChanged() throws Exception {
        RealFunctions world = RealFunctions.world("{\"users\": [{\"userName\": \"break_glass\","
                + " \"tags\": [{\"key\": \"offboarding:protected\", \"value\": \"true\"}],"
                + " \"accessKeys\": [{\"accessKeyId\": \"AKIAQBREAKGLASS00001\"}]}]}");

        WorkflowResult result = world.offboard(RealFunctions.object("{\"userName\": \"break_glass\"}"), true);

        assertFalse(result.succeeded());
        assertEquals("Offboarding.UserProtected", result.error());
        assertTrue(result.cause().contains("break_glass"), result.cause());
        assertFalse(result.path().contains("RemoveTokens"));
        assertEquals(List.of(), world.iam.calls().mutating(), "a refusal mutates nothing");
        assertTrue(world.iam.userExists("break_glass"));
    }

    @Test
    void aDryRunReturnsThePlanAndMakesNoMutatingCall() throws Exception {
        RealFunctions world = RealFunctions.scenario("every-blocker");
        ObjectNode request = (ObjectNode) RealFunctions.request("every-blocker").deepCopy();
        request.put("dryRun", true);

        WorkflowResult result = world.offboard(request, true);

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals("DRY_RUN", result.output().path("outcome").asText());
        assertTrue(result.output().toString().contains("WOULD_DELETE"), "the plan lists what would be removed");
        assertEquals(List.of(), world.iam.calls().mutating(), "a dry run mutates nothing");
        assertFalse(result.path().contains("DeleteUser"));
    }

    @Test
    void aCredentialThatKeepsReappearingEndsInDeleteConflictPersistsNamingIt() throws Exception {
        RealFunctions world = RealFunctions.scenario("little-tester");
        world.iam.visibilityLag(Duration.ZERO);
        // Some automation re-creates the user's key as soon as it is deleted.
        world.iam.afterCall("DeleteAccessKey", iam -> iam.createAccessKey(r -> r.userName("little_tester")));

        WorkflowResult result = world.offboard(RealFunctions.request("little-tester"), true);

        assertFalse(result.succeeded());
        assertEquals("Offboarding.DeleteConflictPersists", result.error());
        assertTrue(result.cause().contains("AKIA"), "the Cause names the key that remains: " + result.cause());
        assertEquals(3, java.util.Collections.frequency(result.path(), "StartSweep"),
                "every sweep was tried, each with a fresh inventory: " + result.path());
        assertEquals("LastLook", result.path().get(result.path().lastIndexOf("ListTokensAgain") - 1), "a last look");
        assertTrue(world.iam.userExists("little_tester"));
    }

    @Test
    void anInvalidRequestIsRefusedBeforeAnyIamCall() throws Exception {
        RealFunctions world = RealFunctions.scenario("little-tester");

        WorkflowResult result = world.offboard(RealFunctions.object("{\"userName\": \"little tester\", \"dryrun\": true}"),
                true);

        assertFalse(result.succeeded());
        assertEquals("Offboarding.InvalidRequest", result.error());
        assertTrue(result.cause().contains("dryrun"), result.cause());
        assertEquals(REFUSED_AT_ENTRY, result.path());
        assertEquals(List.of(), world.iam.calls().all(), "no IAM call at all");
    }

    /**
     * Whatever the input, validate-request refuses what is no valid request before any other state: the simulator
     * sees no call at all (IAM or STS), and the user is still there.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            null                                                                       | it is null
            []                                                                         | it is an array
            "bob"                                                                      | it is a string
            42                                                                         | it is a number
            {"userName": "bob", "dryRun": null}                                        | field "dryRun" is null
            {"userName": "bob", "memberAccount": {"accountId": "210987654321", "sessionName": "bob-session"}} | memberAccount is set only by the workflow
            {"userName": "bob", "quarantineDays": 91}                                  | quarantineDays must be from 0 (none) to 90
            """)
    void aBadInputIsRefusedAsInvalidRequestWithNoIamOrStsCall(String input, String because) throws Exception {
        RealFunctions world = RealFunctions.world(BOB);

        WorkflowResult result = world.offboard(RealFunctions.JSON.readTree(input), true);

        assertFalse(result.succeeded());
        assertEquals("Offboarding.InvalidRequest", result.error());
        assertTrue(result.cause().startsWith("Invalid request: ") && result.cause().contains(because), result.cause());
        assertEquals(REFUSED_AT_ENTRY, result.path());
        assertEquals(List.of(), world.iam.calls().all(), "no IAM or STS call at all");
        assertTrue(world.iam.userExists("bob"));
    }

    @Test
    void aTriggerThisExecutionWasNotStartedForIsRefusedWithNoIamCall() throws Exception {
        RealFunctions world = RealFunctions.world(BOB);

        WorkflowResult result = world.offboard(RealFunctions.object("{\"userName\": \"bob\", \"trigger\": " + TRIGGER + "}"),
                true, "by-hand-" + System.nanoTime());

        assertEquals("Offboarding.InvalidRequest", result.error());
        assertTrue(result.cause().contains("trigger is set only by start-offboarding")
                && result.cause().contains("event-6a7e8feb-b491-4cf7-a9f1-bf3703467718"), result.cause());
        assertEquals(REFUSED_AT_ENTRY, result.path());
        assertEquals(List.of(), world.iam.calls().all(), "no IAM or STS call at all");
    }

    @Test
    void theSameTriggerIsAcceptedInTheExecutionNamedAfterItsEventAndKeptInTheRecord() throws Exception {
        RealFunctions world = RealFunctions.world(BOB);

        WorkflowResult result = world.offboard(
                RealFunctions.object("{\"userName\": \"bob\", \"dryRun\": true, \"trigger\": " + TRIGGER + "}"), true,
                "event-6a7e8feb-b491-4cf7-a9f1-bf3703467718");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals("DRY_RUN", result.output().path("outcome").asText());
        assertEquals(RealFunctions.object(TRIGGER), result.output().path("trigger"));
        assertEquals(List.of(), world.iam.calls().mutating());
    }

    @Test
    void aUserWithAdministratorAccessAttachedIsRefusedAsPrivilegedAndNothingIsChanged() throws Exception {
        RealFunctions world = RealFunctions.world("""
                {"users": [{"userName": "admin_alice", "loginProfile": {},
                            "accessKeys": [{"accessKeyId": "AKIAQADMINALICE00001"}],
                            "attachedPolicies": [{"policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]}]}""");

        WorkflowResult result = world.offboard(RealFunctions.object("{\"userName\": \"admin_alice\"}"), true);

        assertEquals("Offboarding.UserPrivileged", result.error(), result::cause);
        assertTrue(result.cause().contains("AdministratorAccess"), result.cause());
        assertEquals(REFUSED_AT_FIRST_LOOK, result.path());
        assertEquals(List.of(), world.iam.calls().all().stream().filter(Call::mutating).toList(), "nothing changed");
        assertFalse(world.iam.calls().all().isEmpty(), "the inventory was taken");
        assertTrue(world.iam.userExists("admin_alice"));
    }

    @Test
    void aUserInAGroupWithAdministratorAccessIsRefusedAsPrivilegedToo() throws Exception {
        RealFunctions world = RealFunctions.world("""
                {"groups": [{"groupName": "admins",
                             "attachedPolicies": [{"policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]}],
                 "users": [{"userName": "ops_bob", "groups": ["admins"],
                            "accessKeys": [{"accessKeyId": "AKIAQOPSBOBEXAMPLE01"}]}]}""");

        WorkflowResult result = world.offboard(RealFunctions.object("{\"userName\": \"ops_bob\"}"), true);

        assertEquals("Offboarding.UserPrivileged", result.error(), result::cause);
        assertEquals(List.of(), world.iam.calls().all().stream().filter(Call::mutating).toList(), "nothing changed");
        assertTrue(world.iam.userExists("ops_bob"));
    }

    /** A common guard: deny everything without MFA. IAM's simulation must be asked as a person with MFA would act. */
    @Test
    void anAdministratorWhoseGroupDeniesEverythingWithoutMfaIsStillRefusedAsPrivileged() throws Exception {
        RealFunctions world = RealFunctions.world("""
                {"groups": [{"groupName": "admins",
                             "attachedPolicies": [{"policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}],
                             "inlinePolicies": [{"policyName": "require-mfa", "policyDocument": {"Version": "2012-10-17",
                               "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition":
                                 {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}}]}],
                 "users": [{"userName": "mfa_admin", "groups": ["admins"],
                            "accessKeys": [{"accessKeyId": "AKIAQMFAADMINEXAMPL1"}]}]}""");

        WorkflowResult result = world.offboard(RealFunctions.object("{\"userName\": \"mfa_admin\"}"), true);

        assertEquals("Offboarding.UserPrivileged", result.error(), result::cause);
        assertEquals(List.of(), world.iam.calls().all().stream().filter(Call::mutating).toList(), "nothing changed");
        assertTrue(world.iam.userExists("mfa_admin"));
    }

    /** Each of these lets a user make itself an administrator: adding itself to the admins' group, or minting keys. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"iam:AddUserToGroup", "iam:CreateAccessKey",
        "iam:AttachGroupPolicy", "iam:UpdateLoginProfile", "iam:SetDefaultPolicyVersion"})
    void aUserWhoCanMakeItselfAnAdministratorIsRefusedAsPrivileged(String action) throws Exception {
        RealFunctions world = RealFunctions.world("""
                {"users": [{"userName": "climber", "accessKeys": [{"accessKeyId": "AKIAQCLIMBEREXAMPLE1"}],
                            "inlinePolicies": [{"policyName": "one-step", "policyDocument": {"Version": "2012-10-17",
                              "Statement": [{"Effect": "Allow", "Action": "%s", "Resource": "*"}]}}]}]}"""
                .formatted(action));

        WorkflowResult result = world.offboard(RealFunctions.object("{\"userName\": \"climber\"}"), true);

        assertEquals("Offboarding.UserPrivileged", result.error(), result::cause);
        assertTrue(result.cause().contains(action), result.cause());
        assertEquals(List.of(), world.iam.calls().all().stream().filter(Call::mutating).toList(), "nothing changed");
    }

    /** The control: a user whose policies grant no IAM rights is no administrator and is offboarded. */
    @Test
    void aUserWhoseOnlyRightsAreReadingS3IsNotPrivileged() throws Exception {
        RealFunctions world = RealFunctions.world("""
                {"users": [{"userName": "reader", "accessKeys": [{"accessKeyId": "AKIAQREADEREXAMPLE01"}],
                            "inlinePolicies": [{"policyName": "s3-read", "policyDocument": {"Version": "2012-10-17",
                              "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}}]}]}""");

        WorkflowResult result = world.offboard(RealFunctions.object("{\"userName\": \"reader\"}"), true);

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertFalse(result.output().path("inventory").path("privileged").asBoolean());
        assertFalse(world.iam.userExists("reader"));
    }

    @Test
    void aPrivilegedUserWithAllowPrivilegedIsDeleted() throws Exception {
        RealFunctions world = RealFunctions.world("""
                {"users": [{"userName": "admin_alice", "loginProfile": {},
                            "accessKeys": [{"accessKeyId": "AKIAQADMINALICE00001"}],
                            "attachedPolicies": [{"policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]}]}""");

        WorkflowResult result = world.offboard(
                RealFunctions.object("{\"userName\": \"admin_alice\", \"allowPrivileged\": true}"), true);

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals("DELETED", result.output().path("outcome").asText());
        assertTrue(result.output().path("allowPrivileged").asBoolean());
        assertTrue(result.output().path("inventory").path("privileged").asBoolean());
        assertFalse(world.iam.userExists("admin_alice"));
    }

    @Test
    void deleteUserAttemptsIsTheNumberOfDeleteUserCallsIamSawThroughThrottlingConflictsAndASweep() throws Exception {
        RealFunctions world = RealFunctions.scenario("little-tester");
        world.iam.visibilityLag(Duration.ZERO);
        // The first removal of the key brings a new one (an automation catching up once), so DeleteUser conflicts
        // through its whole round and a sweep is needed; IAM also throttles the round's first three calls.
        AtomicInteger deletions = new AtomicInteger();
        world.iam.afterCall("DeleteAccessKey", iam -> {
            if (deletions.getAndIncrement() == 0) {
                iam.createAccessKey(r -> r.userName("little_tester"));
            }
        });
        world.iam.faults().throttle("DeleteUser", 3);

        WorkflowResult result = world.offboard(RealFunctions.request("little-tester"), true);

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals("DELETED", result.output().path("outcome").asText());
        assertEquals(1, result.output().path("sweeps").asInt());
        long calls = world.iam.calls().count("DeleteUser");
        assertEquals(52, calls, "a round of 51 calls (3 throttled, 47 conflicts, the answer), then the one that deleted");
        assertEquals(calls, result.output().path("deleteUserAttempts").asLong(), "every DeleteUser call counted");
        assertEquals(calls, result.path().stream().filter("DeleteUser"::equals).count() + result.retriesOf("DeleteUser").size(),
                "the engine's view: two entries of DeleteUser and 50 retries");
    }
}
