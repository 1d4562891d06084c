package dev.offboarding.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.errors.RoleNotYetUsableException;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.local.LocalFunctions;
import dev.offboarding.local.WorkflowEvent;
import dev.offboarding.local.WorkflowResult;
import dev.offboarding.local.WorkflowRunner;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.MutableClock;
import dev.offboarding.simulator.SimulatedOrganization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real offboard-user definition on the local engine with the real handlers, against an organization of two
 * simulated accounts, all on one logical clock. The member account's offboarding role was deployed moments ago: STS
 * refuses it for 3 s. The user of that name is deleted there, and only there; its record is kept under that account.
 */
class OffboardInAnotherAccountEndToEndTest {
    private static final Instant START = RealFunctions.DEFAULT_START;
    private static final Retrier NOT_YET = Retrier.of(RealFunctions.STATEMACHINE.resolve("offboard-user.asl.json"),
            "CheckRoleUsable", RoleNotYetUsableException.class.getName());
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

    private final MutableClock clock = new MutableClock(START);
    private final MemoryRecordStore records = new MemoryRecordStore();

    private WorkflowResult offboard(SimulatedOrganization org, String input, String execution, boolean noWaits,
                                    long seed) throws Exception {
        LocalFunctions functions = new LocalFunctions(org, "offboarding", clock, GuardSettings.defaults(),
                WorkflowRunner.VirtualTime.FUNCTIONS_DO_NOT_PAUSE, records);
        return new WorkflowRunner(RealFunctions.STATEMACHINE, "node", Duration.ofMinutes(3)).run(
                new WorkflowRunner.Run(RealFunctions.STATEMACHINE.resolve("offboard-user.asl.json"),
                        RealFunctions.substitutions(), input, execution, "OffboardUser", noWaits, List.of(),
                        new WorkflowRunner.VirtualTime(START, seed, clock::set)),
                functions, event -> { });
    }

    /**
     * The role there is refused by STS for its first 3 s; the execution checks it under CheckRoleUsable's Retry
     * until STS has accepted it 3 times in a row, a second apart, and only then reads and changes the member account.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 20261121})
    void anOffboardingWithAccountIdDeletesTheUserInThatAccountOnlyOnceTheRoleThereIsUsable(long seed) throws Exception {
        SimulatedOrganization org = SimulatedOrganization.fromWorld(RealFunctions.JSON.readTree(ORGANIZATION), clock);
        Instant usableAt = START.plusSeconds(3);
        String execution = "offboard-member-" + seed;

        WorkflowResult result = offboard(org,
                "{\"userName\": \"little_tester\", \"accountId\": \"210987654321\", \"reason\": \"left\"}",
                execution, false, seed);

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals("DELETED", result.output().path("outcome").asText());
        assertEquals("210987654321", result.output().path("accountId").asText());
        assertFalse(org.account("210987654321").userExists("little_tester"), "deleted in the member account");
        assertTrue(org.home().userExists("little_tester"), "the home account's user of that name is untouched");
        assertEquals(List.of(), org.home().calls().all().stream().filter(Call::mutating).toList());
        assertTrue(result.path().lastIndexOf("CheckRoleUsable") < result.path().indexOf("ListTokens"));
        assertEquals(List.of(RecordKeys.key("210987654321", "little_tester", START, execution)), records.keys(""),
                "the record is kept under the account the user was in");
        assertTrue(result.path().indexOf("OpenRecord") < result.path().indexOf("CheckRoleUsable"),
                "the record is open before the first call in that account");

        List<Instant> checkTimes = result.events().stream().filter(e -> "CheckRoleUsable".equals(e.state())
                        && (e.type().equals("StateEntered") || e.type().equals("StateRetried")))
                .map(e -> Instant.parse(e.at())).toList();
        List<Call> assumeRoles = org.home().calls().all().stream().filter(c -> c.operation().equals("AssumeRole"))
                .toList();
        List<Call> checks = assumeRoles.subList(0, checkTimes.size());
        assertEquals(checkTimes, checks.stream().map(Call::at).toList(),
                "each role check's sts:AssumeRole at the engine's time of that check");
        assertEquals(START, checks.get(0).at(), "the first check at the start");
        List<Call> refused = checks.stream().filter(c -> !c.outcome().equals("OK")).toList();
        List<Call> accepted = checks.subList(refused.size(), checks.size());
        assertFalse(refused.isEmpty(), "STS refused the new role at first");
        refused.forEach(c -> {
            assertEquals("AccessDenied", c.outcome(), c.toString());
            assertTrue(c.at().isBefore(usableAt), "refused only before the role was usable: " + c);
        });
        assertEquals(3, accepted.size(), "then accepted 3 times in a row: " + checks);
        accepted.forEach(c -> assertEquals("OK", c.outcome(), c.toString()));
        assertFalse(accepted.get(0).at().isBefore(usableAt), accepted.toString());
        assertEquals(List.of(accepted.get(0).at(), accepted.get(0).at().plusSeconds(1),
                accepted.get(0).at().plusSeconds(2)), accepted.stream().map(Call::at).toList(), "a second apart");

        List<WorkflowEvent> retries = result.retriesOf("CheckRoleUsable");
        assertEquals(refused.size(), retries.size(), "one retry per refusal");
        for (int i = 0; i < retries.size(); i++) {
            Duration pause = Duration.between(checks.get(i).at(), checks.get(i + 1).at());
            assertEquals(Duration.ofMillis(Math.round(retries.get(i).waitedSeconds() * 1000)), pause);
            NOT_YET.assertAllows(i + 1, pause);
        }

        List<Call> inMember = org.account("210987654321").calls().all();
        assertEquals(accepted.get(2).at(), inMember.get(0).at(),
                "the member account is first read when the role check passed the third time");
        List<String> sessions = assumeRoles.stream().filter(c -> c.outcome().equals("OK")).map(Call::target).distinct()
                .toList();
        assertEquals(List.of("arn:aws:iam::210987654321:role/offboarding/" + execution), sessions,
                "one role, one session named after the execution");
    }

    @Test
    void aMalformedRequestNamingAnotherAccountIsRefusedBeforeAnyStsOrIamCallInEitherAccount() throws Exception {
        SimulatedOrganization org = SimulatedOrganization.fromWorld(RealFunctions.JSON.readTree(ORGANIZATION), clock);

        WorkflowResult result = offboard(org,
                "{\"userName\": \"little_tester\", \"accountId\": \"210987654321\", \"dryrun\": true}",
                "offboard-member-malformed", true, RealFunctions.DEFAULT_SEED);

        assertEquals("Offboarding.InvalidRequest", result.error(), result::cause);
        assertTrue(result.cause().contains("dryrun"), result.cause());
        assertEquals(List.of("ValidateRequest", "ExplainInvalidInput", "InvalidRequest"), result.path());
        assertEquals(List.of(), org.home().calls().all(), "no STS or IAM call in the home account");
        assertEquals(List.of(), org.account("210987654321").calls().all(), "none in the member account");
        assertTrue(org.account("210987654321").userExists("little_tester"));
    }
}
