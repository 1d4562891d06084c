package dev.offboarding.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.local.LocalFunctions;
import dev.offboarding.local.WorkflowResult;
import dev.offboarding.local.WorkflowRunner;
import dev.offboarding.removetokens.Pause;
import dev.offboarding.simulator.SimulatedOrganization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real wait-for-role definition on the local engine, CheckRoleUsable being the real handler, against a
 * simulator on the real clock: STS answers AccessDenied until the role's delay has passed, in real seconds.
 */
class WaitForRoleEndToEndTest {
    private static final String WORLD = """
            {"accountId": "123456789012",
             "caller": {"arn": "arn:aws:sts::123456789012:assumed-role/check-role-usable-role/check-role-usable"},
             "roles": [
               {"roleName": "deployer", "usableAfterSeconds": 5,
                "assumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Action": "sts:AssumeRole", "Principal": {"Service": "lambda.amazonaws.com",
                  "AWS": "arn:aws:iam::123456789012:role/check-role-usable-role"}}]}},
               {"roleName": "ec2-only",
                "assumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                  "Principal": {"Service": "ec2.amazonaws.com"}}]}}]}
            """;

    private static WorkflowResult waitForRole(SimulatedOrganization org, String input) throws Exception {
        LocalFunctions functions = new LocalFunctions(org, "offboarding", Clock.systemUTC(), GuardSettings.defaults(),
                Pause.REAL);
        WorkflowRunner runner = new WorkflowRunner(RealFunctions.STATEMACHINE, "node", Duration.ofMinutes(2));
        return runner.run(new WorkflowRunner.Run(RealFunctions.STATEMACHINE.resolve("wait-for-role.asl.json"),
                Map.of("CheckRoleUsableFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:check-role-usable"),
                input, "wait-" + System.nanoTime(), "WaitForRole", false, List.of()), functions, event -> { });
    }

    @Test
    void aRoleUsableAfter5SecondsIsReportedUsableInUnder10Seconds() throws Exception {
        SimulatedOrganization org = SimulatedOrganization.fromWorld(RealFunctions.JSON.readTree(WORLD), Clock.systemUTC());
        Instant loaded = Instant.now();

        WorkflowResult result = waitForRole(org, """
                {"role": "arn:aws:iam::123456789012:role/deployer", "checks": ["EXISTS", "TRUSTS", "ASSUMABLE"],
                 "trustedPrincipal": "lambda.amazonaws.com"}""");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        JsonNode output = result.output();
        assertTrue(output.path("usable").asBoolean());
        assertEquals(3, output.path("successes").asInt());
        Instant startedAt = Instant.parse(output.path("deadline").asText()).minusSeconds(120);
        Instant reported = Instant.parse(output.path("checkedAt").asText());
        Duration took = Duration.between(startedAt, reported);
        System.out.println("wait-for-role, role usable 5 s after creation: reported usable " + took.toMillis()
                + " ms after the execution started (" + Duration.between(loaded, reported).toMillis()
                + " ms after the role was created), " + result.retriesOf("CheckRoleUsable").size() + " not-yet retries");
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, took.toString());
        assertTrue(Duration.between(loaded, reported).compareTo(Duration.ofSeconds(5)) >= 0, "not before the role was usable");
        assertFalse(result.retriesOf("CheckRoleUsable").isEmpty(), "STS refused it at first");
        assertTrue(result.path().stream().filter("ConfirmAfterPause"::equals).count() == 2);
    }

    @Test
    void aRoleWhoseTrustPolicyNeverAllowsThePrincipalFailsAtTheDeadlineNamingTrusts() throws Exception {
        SimulatedOrganization org = SimulatedOrganization.fromWorld(RealFunctions.JSON.readTree(WORLD), Clock.systemUTC());

        WorkflowResult result = waitForRole(org, """
                {"role": "ec2-only", "checks": ["EXISTS", "TRUSTS"], "trustedPrincipal": "lambda.amazonaws.com",
                 "deadlineSeconds": 4}""");

        assertFalse(result.succeeded());
        assertEquals("WaitForRole.NotUsable", result.error());
        assertTrue(result.cause().startsWith("Role arn:aws:iam::123456789012:role/ec2-only did not become usable within"
                + " 4 s (deadline "), result.cause());
        assertTrue(result.cause().endsWith("TRUSTS still fails: its trust policy does not allow lambda.amazonaws.com to"
                + " call sts:AssumeRole."), result.cause());
        assertEquals(List.of("Start", "CheckRoleUsable", "ExplainNotUsable", "NotUsable"), result.path());
    }
}
