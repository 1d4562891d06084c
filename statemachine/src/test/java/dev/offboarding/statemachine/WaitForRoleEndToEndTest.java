package dev.offboarding.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.RoleNotUsableByDeadlineException;
import dev.offboarding.errors.RoleNotYetUsableException;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.local.LocalFunctions;
import dev.offboarding.local.WorkflowEvent;
import dev.offboarding.local.WorkflowResult;
import dev.offboarding.local.WorkflowRunner;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.MutableClock;
import dev.offboarding.simulator.SimulatedOrganization;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real wait-for-role definition on the local engine, CheckRoleUsable being the real handler, against a simulator
 * whose STS answers AccessDenied until the role's delay has passed, all on one logical clock: the engine takes every
 * Retry and Wait pause in full but at once, with FULL jitter drawn from a seeded generator, and the function and the
 * simulator read the engine's time. So each check's time is exact whatever the machine's speed, and nothing waits.
 * Each case runs for several seeds, so that no assertion holds for one draw of the jitter only.
 */
class WaitForRoleEndToEndTest {
    private static final Instant START = Instant.parse("2026-11-20T12:00:00Z");
    /** wait-for-role's pause between two successful checks (ConfirmAfterPause). */
    private static final Duration CONFIRM_PAUSE = Duration.ofSeconds(1);
    /**
     * The timing policy (statemachine/README.md): a role usable after L seconds is reported at most
     * L + 2 s + 2 x 1 s after the start, Lambda's run time left out: the first check STS accepts comes at most one
     * capped Retry pause (2 s) after the role became usable, then two more checks a ConfirmAfterPause apart.
     */
    private static final Duration LONGEST_RETRY_PAUSE = Duration.ofSeconds(2);
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

    private final MutableClock clock = new MutableClock(START);

    private WorkflowResult waitForRole(SimulatedOrganization org, String input, long seed) throws Exception {
        LocalFunctions functions = new LocalFunctions(org, "offboarding", clock, GuardSettings.defaults(),
                WorkflowRunner.VirtualTime.FUNCTIONS_DO_NOT_PAUSE);
        WorkflowRunner runner = new WorkflowRunner(RealFunctions.STATEMACHINE, "node", Duration.ofMinutes(2));
        return runner.run(new WorkflowRunner.Run(RealFunctions.STATEMACHINE.resolve("wait-for-role.asl.json"),
                Map.of("CheckRoleUsableFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:check-role-usable"),
                input, "wait-" + seed, "WaitForRole", false, List.of(),
                new WorkflowRunner.VirtualTime(START, seed, clock::set)), functions, event -> { });
    }

    private SimulatedOrganization world() throws IOException {
        return SimulatedOrganization.fromWorld(RealFunctions.JSON.readTree(WORLD), clock);
    }

    private static List<Call> calls(SimulatedOrganization org, String operation) {
        return org.home().calls().all().stream().filter(c -> c.operation().equals(operation)).toList();
    }

    private static final Retrier NOT_YET = Retrier.of(RealFunctions.STATEMACHINE.resolve("wait-for-role.asl.json"),
            "CheckRoleUsable", RoleNotYetUsableException.class.getName());

    /**
     * When the engine invoked CheckRoleUsable, in order: at each entry of the state and at each retry (both lines
     * carry the engine's time).
     */
    private static List<Instant> invocationTimes(WorkflowResult result) {
        return result.events().stream()
                .filter(e -> "CheckRoleUsable".equals(e.state())
                        && (e.type().equals("StateEntered") || e.type().equals("StateRetried")))
                .map(e -> Instant.parse(e.at())).toList();
    }

    /**
     * Each check's time, as the simulator saw it: the first at the start, each after a retry the Retry's pause
     * later, each after a successful check a ConfirmAfterPause later; each pause of the Retry within what the
     * definition's Retry fields allow, and the jitter drawn (not every pause at its cap).
     */
    private static void eachCheckCameWhenTheScheduleSays(WorkflowResult result, List<Call> checks) {
        assertEquals(invocationTimes(result), checks.stream().map(Call::at).toList(),
                "the function and the simulator read the engine's clock");
        assertEquals(START, checks.get(0).at(), "the first check at the start: Start takes no time");
        List<WorkflowEvent> entered = result.events().stream()
                .filter(e -> "CheckRoleUsable".equals(e.state())
                        && (e.type().equals("StateEntered") || e.type().equals("StateRetried"))).toList();
        boolean drawn = false;
        int retry = 0;
        for (int i = 1; i < checks.size(); i++) {
            Duration between = Duration.between(checks.get(i - 1).at(), checks.get(i).at());
            WorkflowEvent how = entered.get(i);
            if (how.type().equals("StateRetried")) {
                retry++;
                assertEquals(RoleNotYetUsableException.class.getName(), how.error(), how.toString());
                assertEquals(retry, how.attempt(), "retries in a row are counted: " + how);
                assertEquals(Duration.ofMillis(Math.round(how.waitedSeconds() * 1000)), between,
                        "retry " + retry + " came the pause it reported after the check before");
                NOT_YET.assertAllows(retry, between);
                drawn |= between.compareTo(NOT_YET.capOfRetry(retry)) < 0;
            } else {
                retry = 0;
                assertEquals(CONFIRM_PAUSE, between, "check " + (i + 1) + " came a ConfirmAfterPause after a success");
            }
        }
        assertTrue(drawn || result.events().stream().noneMatch(e -> e.type().equals("StateRetried")),
                "FULL jitter: a pause below its cap");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 20261121})
    void aRoleUsableAfter5SecondsIsReportedUsableOnceStsHasAcceptedIt3TimesInARow(long seed) throws Exception {
        SimulatedOrganization org = world();
        Instant usableAt = START.plusSeconds(5);

        WorkflowResult result = waitForRole(org, """
                {"role": "arn:aws:iam::123456789012:role/deployer", "checks": ["EXISTS", "TRUSTS", "ASSUMABLE"],
                 "trustedPrincipal": "lambda.amazonaws.com"}""", seed);

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        JsonNode output = result.output();
        assertTrue(output.path("usable").asBoolean());
        assertEquals(3, output.path("successes").asInt());
        assertEquals(START.plusSeconds(120), Instant.parse(output.path("deadline").asText()), "the default deadline");

        List<Call> assumeRoles = calls(org, "AssumeRole");
        List<Call> refused = assumeRoles.stream().filter(c -> !c.outcome().equals("OK")).toList();
        List<Call> accepted = assumeRoles.stream().filter(c -> c.outcome().equals("OK")).toList();
        assertFalse(refused.isEmpty(), "STS refused it at first");
        assertEquals(refused, assumeRoles.subList(0, refused.size()), "refused, then only accepted: " + assumeRoles);
        for (Call c : refused) {
            assertEquals("AccessDenied", c.outcome());
            assertTrue(c.at().isBefore(usableAt), "refused only while the role was not usable yet: " + c);
        }
        assertEquals(3, accepted.size(), accepted.toString());
        assertFalse(accepted.get(0).at().isBefore(usableAt), "accepted once it was usable: " + accepted.get(0));
        assertEquals(refused.size(), result.retriesOf("CheckRoleUsable").size(), "one retry per refusal");
        eachCheckCameWhenTheScheduleSays(result, calls(org, "GetRole"));

        Instant reported = Instant.parse(output.path("checkedAt").asText());
        assertEquals(accepted.get(2).at(), reported, "reported usable at the third success in a row");
        assertFalse(accepted.get(0).at().isAfter(usableAt.plus(LONGEST_RETRY_PAUSE)),
                "the first check STS accepted came at most one Retry pause after the role became usable: " + accepted);
        assertFalse(reported.isAfter(usableAt.plus(LONGEST_RETRY_PAUSE).plus(CONFIRM_PAUSE.multipliedBy(2))),
                "the timing policy: usable after 5 s, reported by 5 + 2 + 2 x 1 s: " + reported);
        assertEquals(List.of("Start", "CheckRoleUsable", "UsableYet", "ConfirmAfterPause", "CheckRoleUsable",
                "UsableYet", "ConfirmAfterPause", "CheckRoleUsable", "UsableYet", "Usable"), result.path());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 20261121})
    void aRoleWhoseTrustPolicyNeverAllowsThePrincipalFailsAtTheFirstCheckPastTheDeadlineNamingTrusts(long seed)
            throws Exception {
        SimulatedOrganization org = world();
        Instant deadline = START.plusSeconds(4);

        WorkflowResult result = waitForRole(org, """
                {"role": "ec2-only", "checks": ["EXISTS", "TRUSTS"], "trustedPrincipal": "lambda.amazonaws.com",
                 "deadlineSeconds": 4}""", seed);

        assertFalse(result.succeeded());
        assertEquals("WaitForRole.NotUsable", result.error());
        assertEquals("Role arn:aws:iam::123456789012:role/ec2-only did not become usable within 4 s (deadline "
                + deadline + "): TRUSTS still fails: its trust policy does not allow lambda.amazonaws.com to call"
                + " sts:AssumeRole.", result.cause());
        assertEquals(List.of("Start", "CheckRoleUsable", "ExplainNotUsable", "NotUsable"), result.path());

        List<Call> checks = calls(org, "GetRole");
        eachCheckCameWhenTheScheduleSays(result, checks);
        List<Call> beforeTheDeadline = checks.subList(0, checks.size() - 1);
        Call last = checks.get(checks.size() - 1);
        for (Call check : beforeTheDeadline) {
            assertTrue(check.at().isBefore(deadline), "a check before the deadline was retried: " + check);
        }
        assertFalse(last.at().isBefore(deadline), "the wait ends at the first check at or past the deadline: " + checks);
        assertFalse(last.at().isAfter(deadline.plus(NOT_YET.capOfRetry(checks.size() - 1))),
                "and that check came at most one Retry pause after the deadline: " + last);
        assertEquals(List.of(), calls(org, "AssumeRole"), "TRUSTS fails first: ASSUMABLE is never tried");
        List<String> failures = result.events().stream()
                .filter(e -> e.type().equals("StateFailed") && "CheckRoleUsable".equals(e.state()))
                .map(WorkflowEvent::error).toList();
        List<String> expected = new ArrayList<>(java.util.Collections.nCopies(beforeTheDeadline.size(),
                RoleNotYetUsableException.class.getName()));
        expected.add(RoleNotUsableByDeadlineException.class.getName());
        assertEquals(expected, failures, "not yet before the deadline, then past it: not retried");
    }
}
