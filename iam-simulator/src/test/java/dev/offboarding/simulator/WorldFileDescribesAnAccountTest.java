package dev.offboarding.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.User;

class WorldFileDescribesAnAccountTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = Fixtures.clock();

    @Test
    void aFullWorldFileLoadsEveryKindOfThing() throws Exception {
        IamSimulator sim = IamSimulator.fromFile(resource("worlds/little-tester.json"), clock);
        assertEquals(List.of(), sim.calls().all(), "loading a world makes no calls");

        assertEquals("123456789012", sim.accountId());
        User user = sim.getUser(r -> r.userName("little_tester")).user();
        assertEquals("AIDAEXAMPLEUSERID0001", user.userId());
        assertEquals("arn:aws:iam::123456789012:user/little_tester", user.arn());
        assertEquals("2026-10-01T08:00:00Z", user.passwordLastUsed().toString());
        assertEquals("arn:aws:iam::123456789012:policy/boundary", user.permissionsBoundary().permissionsBoundaryArn());
        assertEquals("qa", user.tags().get(0).value());
        assertEquals(List.of(
                "login profile",
                "access key AKIAEXAMPLEKEY000001",
                "access key AKIAEXAMPLEKEY000002",
                "signing certificate CERTEXAMPLE0000000000000001",
                "SSH public key APKAEXAMPLESSHKEY0001",
                "service-specific credential ACCAEXAMPLECREDENTIAL1 (codecommit.amazonaws.com)",
                "MFA device arn:aws:iam::123456789012:mfa/little_tester",
                "MFA device GAHT12345678",
                "inline policy notes",
                "attached policy arn:aws:iam::aws:policy/ReadOnlyAccess",
                "group developers"), sim.remainingBlockers("little_tester"));
        assertEquals("Inactive", sim.listAccessKeys(r -> r.userName("little_tester")).accessKeyMetadata().get(1).statusAsString());
        AccessKeyLastUsed used = sim.getAccessKeyLastUsed(r -> r.accessKeyId("AKIAEXAMPLEKEY000001")).accessKeyLastUsed();
        assertEquals("s3", used.serviceName());
        assertEquals("eu-west-1", used.region());
        assertEquals(Set.of("arn:aws:iam::123456789012:mfa/spare", "arn:aws:iam::123456789012:mfa/little_tester"),
                sim.virtualMfaDeviceSerials());
        assertEquals("arn:aws:iam::123456789012:mfa/little_tester", sim.listVirtualMFADevices(r -> r
                .assignmentStatus(AssignmentStatusType.ASSIGNED)).virtualMFADevices().get(0).serialNumber());
        assertEquals(List.of(), sim.remainingBlockers("bare"));
    }

    @Test
    void omittedValuesGetAwsShapedDefaults() throws Exception {
        IamSimulator sim = IamSimulator.fromWorld(JSON.readTree("""
                {"users": [{"userName": "bob", "accessKeys": [{}], "sshPublicKeys": [{}],
                            "serviceSpecificCredentials": [{}], "loginProfile": {}}]}
                """), clock);

        User bob = sim.getUser(r -> r.userName("bob")).user();
        assertTrue(bob.userId().matches("AIDA[A-Z2-7]{17}"), bob.userId());
        assertEquals("/", bob.path());
        assertEquals(Fixtures.START, bob.createDate());
        var key = sim.listAccessKeys(r -> r.userName("bob")).accessKeyMetadata().get(0);
        assertTrue(key.accessKeyId().matches("AKIA[A-Z2-7]{16}"), key.accessKeyId());
        assertEquals("Active", key.statusAsString());
        assertTrue(sim.listSSHPublicKeys(r -> r.userName("bob")).sshPublicKeys().get(0).sshPublicKeyId().startsWith("APKA"));
        var credential = sim.listServiceSpecificCredentials(r -> r.userName("bob")).serviceSpecificCredentials().get(0);
        assertTrue(credential.serviceSpecificCredentialId().startsWith("ACCA"));
        assertEquals("bob-at-123456789012", credential.serviceUserName());
        AccessKeyLastUsed never = sim.getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId())).accessKeyLastUsed();
        assertEquals("N/A", never.serviceName());
        assertEquals("N/A", never.region());
        assertNull(never.lastUsedDate());

        IamSimulator again = IamSimulator.fromWorld(JSON.readTree("{\"users\": [{\"userName\": \"bob\"}]}"), clock);
        assertEquals(bob.userId(), again.getUser(r -> r.userName("bob")).user().userId(), "ids are deterministic");
    }

    @Test
    void aScenarioFileHoldsItsWorldUnderTheWorldKey(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(scenario, """
                {"name": "anything the scenario runner wants",
                 // comments are allowed in files
                 "world": {"accountId": "210987654321", "users": [{"userName": "carol"}]}}
                """);

        IamSimulator sim = IamSimulator.fromFile(scenario, clock);

        assertEquals("210987654321", sim.accountId());
        assertEquals("arn:aws:iam::210987654321:user/carol", sim.getUser(r -> r.userName("carol")).user().arn());
    }

    @Test
    void aWrongTypeIsRejectedNamingThePathAndWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("""
                {"users": [{"userName": "bob", "accessKeys": [{"accessKeyId": "AKIAEXAMPLEKEY000001", "status": 1}]}]}
                """));
        assertEquals("field \"users[0].accessKeys[0].status\" must be a string, not a number", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> load("{\"users\": {\"userName\": \"bob\"}}"));
        assertEquals("field \"users\" must be an array, not an object", e.getMessage());
    }

    @Test
    void unknownKeysAndBadValuesAreRejectedNamingThePath() {
        assertMessage("unknown field \"users[0].acessKeys\": accepted fields here are accessKeys, attachedPolicies,",
                "{\"users\": [{\"userName\": \"bob\", \"acessKeys\": []}]}");
        assertMessage("users[0].userName: required string is missing", "{\"users\": [{}]}");
        assertMessage("users[0].userName: \"bad name\" must satisfy regular expression pattern",
                "{\"users\": [{\"userName\": \"bad name\"}]}");
        assertMessage("field \"users[0].createDate\" must be an ISO-8601 timestamp such as \"2026-11-20T12:00:00Z\","
                + " not \"yesterday\"",
                "{\"users\": [{\"userName\": \"bob\", \"createDate\": \"yesterday\"}]}");
        assertMessage("users[0].groups: group \"admins\" is not declared",
                "{\"users\": [{\"userName\": \"bob\", \"groups\": [\"admins\"]}]}");
        assertMessage("users[0].accessKeys[0].status: expected \"Active\" or \"Inactive\"",
                "{\"users\": [{\"userName\": \"bob\", \"accessKeys\": [{\"status\": \"Disabled\"}]}]}");
        assertMessage("users[1].userName: user \"bob\" is declared twice",
                "{\"users\": [{\"userName\": \"bob\"}, {\"userName\": \"bob\"}]}");
        assertMessage("accountId: expected 12 digits", "{\"accountId\": \"12345\"}");
        assertMessage("the world must be a JSON object, not an array", "[]");
    }

    @Test
    void aBadFileNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"users\": [{\"userName\": 7}]}");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IamSimulator.fromFile(file, clock));
        assertEquals(file + ": field \"users[0].userName\" must be a string, not a number", e.getMessage());
    }

    @Test
    void aNullIsRefusedWhereverItIsNamingEach() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("""
                {"accountId": null, "users": [{"userName": "bob", "passwordLastUsed": null}]}
                """));

        assertEquals("field \"accountId\" is null: leave it out to use its default, or give it a value; "
                + "field \"users[0].passwordLastUsed\" is null: leave it out to use its default, or give it a value",
                e.getMessage());
    }

    @Test
    void aValueOfAnotherTypeIsNeverCoerced() {
        assertMessage("field \"users[0].loginProfile.passwordResetRequired\" must be true or false, not a string",
                "{\"users\": [{\"userName\": \"bob\", \"loginProfile\": {\"passwordResetRequired\": \"true\"}}]}");
        assertMessage("field \"users[0].loginProfile.unmodifiableForSeconds\" must be a whole number, not a string",
                "{\"users\": [{\"userName\": \"bob\", \"loginProfile\": {\"unmodifiableForSeconds\": \"5\"}}]}");
        assertMessage("field \"roles[0].usableAfterSeconds\" must be a whole number, not a number",
                "{\"roles\": [{\"roleName\": \"r\", \"assumeRolePolicyDocument\": {}, \"usableAfterSeconds\": 1.5}]}");
        assertMessage("field \"users[0].groups[0]\" must be a string, not a number",
                "{\"users\": [{\"userName\": \"bob\", \"groups\": [7]}]}");
    }

    @Test
    void aFileNamesTheKeyGivenTwiceAndTheWorldsKeysUnderWorld(@TempDir Path dir) throws Exception {
        Path repeated = dir.resolve("repeated.json");
        Files.writeString(repeated, "{\"users\": [{\"userName\": \"bob\", \"path\": \"/\", \"path\": \"/x/\"}]}");
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(scenario, "{\"world\": {\"users\": [{\"userName\": \"bob\", \"acessKeys\": []}]}}");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IamSimulator.fromFile(repeated, clock));
        assertTrue(e.getMessage().startsWith(repeated + ": field \"users[0].path\" is given twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IamSimulator.fromFile(scenario, clock));
        assertTrue(e.getMessage().startsWith(scenario + ": unknown field \"world.users[0].acessKeys\""),
                e.getMessage());
    }

    @Test
    void eachAccountOfAnOrganizationIsNamedByItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimulatedOrganization.fromWorld(
                JSON.readTree("{\"accounts\": [{}, {\"users\": [{\"userName\": \"bad name\"}]}]}"), clock));
        assertTrue(e.getMessage().startsWith("accounts[1].users[0].userName: \"bad name\""), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> SimulatedOrganization.fromWorld(
                JSON.readTree("{\"accounts\": [{\"users\": [{\"userName\": \"bob\", \"tags\": {}}]}]}"), clock));
        assertEquals("field \"accounts[0].users[0].tags\" must be an array, not an object", e.getMessage());
    }

    @Test
    void theReadmesExampleWorldLoadsWithEverythingItShows() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```json\n") + "```json\n".length();
        IamSimulator sim = load(readme.substring(start, readme.indexOf("```", start)));

        assertEquals(List.of("login profile", "access key AKIAEXAMPLEKEY000001"),
                sim.remainingBlockers("little_tester").subList(0, 2));
        assertEquals(Fixtures.START.plus(java.time.Duration.ofHours(12)),
                sim.sessions().named("little_tester", "laptop").expiresAt());
        assertEquals(java.time.Instant.parse("2026-11-20T12:30:00Z"),
                sim.sessions().named("little_tester", "ci").expiresAt());
    }

    private void assertMessage(String expectedStart, String world) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(world));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    private IamSimulator load(String world) throws Exception {
        JsonNode json = JSON.readTree(world);
        return IamSimulator.fromWorld(json, clock);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(WorldFileDescribesAnAccountTest.class.getClassLoader().getResource(name).toURI());
    }
}
