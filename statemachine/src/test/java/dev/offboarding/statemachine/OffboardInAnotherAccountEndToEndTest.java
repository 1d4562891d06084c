package dev.offboarding.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.local.LocalFunctions;
import dev.offboarding.local.WorkflowResult;
import dev.offboarding.local.WorkflowRunner;
import dev.offboarding.removetokens.Pause;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.SimulatedOrganization;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real offboard-user definition on the local engine with the real handlers, against an organization of two
 * simulated accounts on the real clock. The member account's offboarding role was deployed moments ago: STS refuses
 * it for 3 s. The user of that name is deleted there, and only there.
 */
class OffboardInAnotherAccountEndToEndTest {
    private static final String ORGANIZATION = """
            {"accounts": [
              {"accountId": "123456789012",
               "caller": {"arn": "arn:aws:sts::123456789012:assumed-role/offboarding-functions/list-tokens"},
               "users": [{"userName": "little_tester", "accessKeys": [{"accessKeyId": "AKIAHOMEACCOUNTKEY01"}]}]},
              {"accountId": "210987654321",
               "users": [{"userName": "little_tester", "accessKeys": [{"accessKeyId": "AKIAMEMBERACCOUNT001"}],
                          "loginProfile": {}}],
               "roles": [{"roleName": "offboarding", "usableAfterSeconds": 3,
                          "assumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                            "Action": "sts:AssumeRole",
                            "Principal": {"AWS": "arn:aws:iam::123456789012:role/offboarding-functions"}}]}}]}
            ]}""";

    @Test
    void anOffboardingWithAccountIdDeletesTheUserInThatAccountOnly() throws Exception {
        SimulatedOrganization org = SimulatedOrganization.fromWorld(RealFunctions.JSON.readTree(ORGANIZATION),
                Clock.systemUTC());
        LocalFunctions functions = new LocalFunctions(org, "offboarding", Clock.systemUTC(), GuardSettings.defaults(),
                Pause.REAL);
        String execution = "offboard-member-" + System.nanoTime();

        WorkflowResult result = new WorkflowRunner(RealFunctions.STATEMACHINE, "node", Duration.ofMinutes(3)).run(
                new WorkflowRunner.Run(RealFunctions.STATEMACHINE.resolve("offboard-user.asl.json"),
                        RealFunctions.substitutions(),
                        "{\"userName\": \"little_tester\", \"accountId\": \"210987654321\", \"reason\": \"left\"}",
                        execution, "OffboardUser", false, List.of()),
                functions, event -> { });

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals("DELETED", result.output().path("outcome").asText());
        assertEquals("210987654321", result.output().path("accountId").asText());
        assertFalse(org.account("210987654321").userExists("little_tester"), "deleted in the member account");
        assertTrue(org.home().userExists("little_tester"), "the home account's user of that name is untouched");
        assertEquals(List.of(), org.home().calls().all().stream().filter(Call::mutating).toList());
        assertFalse(result.retriesOf("CheckRoleUsable").isEmpty(), "STS refused the new role at first");
        List<String> assumed = org.home().calls().all().stream().filter(c -> c.operation().equals("AssumeRole")
                && c.outcome().equals("OK")).map(Call::target).distinct().toList();
        assertEquals(List.of("arn:aws:iam::210987654321:role/offboarding/" + execution), assumed,
                "one role, one session named after the execution");
        assertTrue(result.path().lastIndexOf("CheckRoleUsable") < result.path().indexOf("ListTokens"));
    }

    @Test
    void aMalformedRequestNamingAnotherAccountIsRefusedBeforeAnyStsOrIamCallInEitherAccount() throws Exception {
        SimulatedOrganization org = SimulatedOrganization.fromWorld(RealFunctions.JSON.readTree(ORGANIZATION),
                Clock.systemUTC());
        LocalFunctions functions = new LocalFunctions(org, "offboarding", Clock.systemUTC(), GuardSettings.defaults(),
                Pause.REAL);

        WorkflowResult result = new WorkflowRunner(RealFunctions.STATEMACHINE, "node", Duration.ofMinutes(3)).run(
                new WorkflowRunner.Run(RealFunctions.STATEMACHINE.resolve("offboard-user.asl.json"),
                        RealFunctions.substitutions(),
                        "{\"userName\": \"little_tester\", \"accountId\": \"210987654321\", \"dryrun\": true}",
                        "offboard-member-" + System.nanoTime(), "OffboardUser", true, List.of()),
                functions, event -> { });

        assertEquals("Offboarding.InvalidRequest", result.error(), result::cause);
        assertTrue(result.cause().contains("dryrun"), result.cause());
        assertEquals(List.of("ValidateRequest", "ExplainInvalidInput", "InvalidRequest"), result.path());
        assertEquals(List.of(), org.home().calls().all(), "no STS or IAM call in the home account");
        assertEquals(List.of(), org.account("210987654321").calls().all(), "none in the member account");
        assertTrue(org.account("210987654321").userExists("little_tester"));
    }
}
