package dev.offboarding.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.CredentialReportNotReadyException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.organizations.model.AccountStatus;

class AWorldFileDeclaresItsThrottlingCredentialReportAndOrganizationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = Fixtures.clock();

    @Test
    void throttlingIsReadWithItsClassesAndItsOwnOperations() throws Exception {
        IamSimulator sim = load("""
                {"users": [{"userName": "bob"}],
                 "throttling": {"read": {"rate": 20, "burst": 40}, "write": {"rate": 0.5, "burst": 1},
                                "operations": {"GetCredentialReport": {"rate": 1, "burst": 2}}}}""");
        assertEquals(new Throttling(Throttling.Rate.of(20, 40), Throttling.Rate.of(0.5, 1),
                Map.of("GetCredentialReport", Throttling.Rate.of(1, 2)), Throttling.Buckets.PER_OPERATION),
                sim.throttling());
        sim.tagUser(r -> r.userName("bob").tags(Fixtures.tag("a", "b")));
        assertThrows(IamException.class, () -> sim.tagUser(r -> r.userName("bob").tags(Fixtures.tag("a", "b"))));

        IamSimulator shared = load("{\"throttling\": {\"read\": {\"rate\": 1, \"burst\": 1}, \"buckets\": \"perClass\"}}");
        assertEquals(Throttling.Buckets.PER_CLASS, shared.throttling().buckets());
        assertEquals(Throttling.NONE, load("{}").throttling(), "off unless declared");
    }

    @Test
    void faultsFailTheAccountsNextCallsOfAnActionAsManyTimesAsDeclared() throws Exception {
        IamSimulator sim = load("""
                {"users": [{"userName": "bob", "accessKeys": [{"accessKeyId": "AKIAQBOBKEY000000001"}]}],
                 "faults": {"throttle": {"UpdateAccessKey": 1}, "serverError": {"TagUser": 2}}}""");

        IamException throttled = assertThrows(IamException.class, () -> sim.updateAccessKey(r -> r.userName("bob")
                .accessKeyId("AKIAQBOBKEY000000001").status("Inactive")));
        assertEquals("Throttling", throttled.awsErrorDetails().errorCode());
        sim.updateAccessKey(r -> r.userName("bob").accessKeyId("AKIAQBOBKEY000000001").status("Inactive"));
        for (int i = 0; i < 2; i++) {
            IamException failed = assertThrows(IamException.class,
                    () -> sim.tagUser(r -> r.userName("bob").tags(Fixtures.tag("a", "b"))));
            assertEquals(500, failed.statusCode());
        }
        sim.tagUser(r -> r.userName("bob").tags(Fixtures.tag("a", "b")));
    }

    @Test
    void badFaultsAreRefusedNamingTheKey() {
        assertMessage("faults.throttle.UpdateAccesKey: \"UpdateAccesKey\" is not an IAM action the simulator serves",
                "{\"faults\": {\"throttle\": {\"UpdateAccesKey\": 1}}}");
        assertMessage("faults.serverError.*: expected how many of its next calls fail, at least 1, got 0",
                "{\"faults\": {\"serverError\": {\"*\": 0}}}");
        assertMessage("unknown field \"faults.deny\": accepted fields here are serverError, throttle",
                "{\"faults\": {\"deny\": {\"TagUser\": 1}}}");
    }

    @Test
    void theCredentialReportsGenerationTimeIsDeclaredInSeconds() throws Exception {
        IamSimulator sim = load("{\"credentialReport\": {\"generationSeconds\": 60}}");
        sim.generateCredentialReport();
        clock.advance(Duration.ofSeconds(59));
        assertThrows(CredentialReportNotReadyException.class, () -> sim.getCredentialReport());
        clock.advance(Duration.ofSeconds(1));
        sim.getCredentialReport();
    }

    @Test
    void badThrottlingAndReportValuesAreRefusedNamingTheKey() {
        assertMessage("unknown field \"throttling.reed\": accepted fields here are buckets, operations, read, write",
                "{\"throttling\": {\"reed\": {\"rate\": 1, \"burst\": 1}}}");
        assertMessage("unknown field \"throttling.read.burts\"",
                "{\"throttling\": {\"read\": {\"rate\": 1, \"burts\": 1}}}");
        assertMessage("throttling.read.rate: expected a number of calls per second above 0, got 0.0",
                "{\"throttling\": {\"read\": {\"rate\": 0, \"burst\": 1}}}");
        assertMessage("throttling.write.burst: required whole number is missing",
                "{\"throttling\": {\"write\": {\"rate\": 1}}}");
        assertMessage("throttling.write.burst: expected a whole number of at least 1, got 0",
                "{\"throttling\": {\"write\": {\"rate\": 1, \"burst\": 0}}}");
        assertMessage("field \"throttling.read.rate\" must be",
                "{\"throttling\": {\"read\": {\"rate\": \"fast\", \"burst\": 1}}}");
        assertMessage("throttling.operations.getCredentialReport: \"getCredentialReport\" is not an IAM action the "
                        + "simulator serves",
                "{\"throttling\": {\"operations\": {\"getCredentialReport\": {\"rate\": 1, \"burst\": 1}}}}");
        assertMessage("throttling.operations.CreatePolicy: \"CreatePolicy\" is not an IAM action",
                "{\"throttling\": {\"operations\": {\"CreatePolicy\": {\"rate\": 1, \"burst\": 1}}}}");
        assertMessage("throttling.buckets: expected \"perOperation\" (a bucket per API) or \"perClass\"",
                "{\"throttling\": {\"buckets\": \"perAccount\"}}");
        assertMessage("credentialReport.generationSeconds: expected a whole number of zero or more, got -1",
                "{\"credentialReport\": {\"generationSeconds\": -1}}");
        assertMessage("unknown field \"credentialReport.seconds\"", "{\"credentialReport\": {\"seconds\": 1}}");
    }

    @Test
    void anOrganizationsAccountsAreDescribedAndBadDescriptionsRefusedNamingTheKey() throws Exception {
        SimulatedOrganization org = SimulatedOrganization.fromWorld(JSON.readTree("""
                {"accounts": [{"accountId": "111111111111"},
                              {"accountId": "222222222222", "organizationAccount": {"status": "SUSPENDED"}}]}"""),
                clock);
        assertEquals(AccountStatus.SUSPENDED, org.organizations().listAccounts(r -> { }).accounts().get(1).status());

        assertOrganizationMessage("accounts[1].organizationAccount.status: expected \"ACTIVE\", \"SUSPENDED\" or "
                + "\"PENDING_CLOSURE\", got \"CLOSED_DOWN\"", "{\"accounts\": [{}, {\"accountId\": \"222222222222\", "
                + "\"organizationAccount\": {\"status\": \"CLOSED_DOWN\"}}]}");
        assertOrganizationMessage("accounts[0].organizationAccount.email: expected an e-mail address",
                "{\"accounts\": [{\"organizationAccount\": {\"email\": \"nobody\"}}]}");
        assertOrganizationMessage("accounts[0].organizationAccount.joinedMethod: expected \"CREATED\" or \"INVITED\"",
                "{\"accounts\": [{\"organizationAccount\": {\"joinedMethod\": \"BORN\"}}]}");
        assertOrganizationMessage("organizationId: expected \"o-\" and 10 to 32 lower-case letters or digits",
                "{\"organizationId\": \"org-1\", \"accounts\": [{}]}");
        assertOrganizationMessage("accounts[1].accountId: account 123456789012 is declared twice",
                "{\"accounts\": [{}, {}]}");
    }

    @Test
    void aScenarioFileCarriesItAllUnderItsWorld(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("fleet.json");
        Files.writeString(scenario, """
                {"world": {"accounts": [
                  {"accountId": "111111111111", "throttling": {"write": {"rate": 10, "burst": 20}},
                   "users": [{"userName": "alice", "path": "/contractors/", "createDate": "2025-01-01T00:00:00Z",
                              "passwordLastUsed": "2025-06-01T00:00:00Z", "tags": [{"key": "team", "value": "payments"}],
                              "loginProfile": {},
                              "accessKeys": [{"lastUsed": {"date": "2025-07-01T00:00:00Z", "serviceName": "s3"}}]}]},
                  {"accountId": "222222222222", "credentialReport": {"generationSeconds": 0},
                   "organizationAccount": {"name": "payments"}}]}}""");
        SimulatedOrganization org = SimulatedOrganization.fromFile(scenario, clock);
        assertEquals(Throttling.Rate.of(10, 20), org.home().throttling().write());
        assertEquals("payments", org.organizations().listAccounts(r -> { }).accounts().get(1).name());
        assertEquals("alice", org.home().listUsers(r -> r.pathPrefix("/contractors/")).users().get(0).userName());
        org.account("222222222222").generateCredentialReport();
        assertTrue(org.account("222222222222").getCredentialReport().content().asUtf8String()
                .startsWith("user,arn,"));
    }

    private void assertMessage(String expectedStart, String world) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(world));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    private void assertOrganizationMessage(String expectedStart, String world) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatedOrganization.fromWorld(JSON.readTree(world), clock));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    private IamSimulator load(String world) throws Exception {
        return IamSimulator.fromWorld(JSON.readTree(world), clock);
    }
}
