package dev.offboarding.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.model.AccessKey;
import dev.offboarding.model.AccessKeyLastUse;
import dev.offboarding.model.Activity;
import dev.offboarding.model.AttachedPolicy;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.GroupMembership;
import dev.offboarding.model.InlinePolicy;
import dev.offboarding.model.LoginProfile;
import dev.offboarding.model.MfaDevice;
import dev.offboarding.model.ServiceSpecificCredential;
import dev.offboarding.model.SigningCertificate;
import dev.offboarding.model.SshPublicKey;
import dev.offboarding.model.Tag;
import dev.offboarding.model.UserDetails;
import dev.offboarding.model.UserInventory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The output side of the contract: ISO-8601 dates, the field names the state machine reads, and a round trip. */
class JsonUnitTest {
    private static final Instant CREATED = Instant.parse("2024-03-01T09:30:00Z");
    private static final Instant USED = Instant.parse("2026-01-10T08:00:00Z");
    private static final Instant TAKEN = Instant.parse("2026-01-15T10:00:00Z");

    static UserInventory fullInventory() {
        UserDetails user = new UserDetails("arn:aws:iam::123456789012:user/bob", "AIDA1", "/", CREATED, USED,
                null, List.of(new Tag("offboarding:protected", "true")));
        return new UserInventory("bob", true, user, new LoginProfile(CREATED, false),
                List.of(new AccessKey("AKIA1", "Active", CREATED, new AccessKeyLastUse(USED, "s3", "eu-west-1"))),
                List.of(new SigningCertificate("CERT1", "Active", CREATED)),
                List.of(new SshPublicKey("APKA1", "Inactive", CREATED)),
                List.of(new ServiceSpecificCredential("ACCA1", "bedrock.amazonaws.com", "bob-at-123", "Active",
                        CREATED, null)),
                List.of(new MfaDevice("arn:aws:iam::123456789012:mfa/bob", CREATED)),
                List.of(new InlinePolicy("s3-read", "{\"Version\":\"2012-10-17\"}")),
                List.of(new AttachedPolicy("ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess")),
                List.of(new GroupMembership("developers", "arn:aws:iam::123456789012:group/developers", "/")),
                new Activity(USED, BlockerKind.ACCESS_KEY, "AKIA1", "s3", "eu-west-1"), true, true, false, null, TAKEN, null);
    }

    @Test
    void datesAreWrittenAsIso8601InstantsNotNumbers() throws Exception {
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsBytes(fullInventory()));

        assertEquals("2026-01-15T10:00:00Z", json.get("takenAt").asText());
        assertTrue(json.get("takenAt").isTextual());
        assertEquals("2024-03-01T09:30:00Z", json.get("user").get("createDate").asText());
        assertEquals("2026-01-10T08:00:00Z", json.get("accessKeys").get(0).get("lastUsed").get("date").asText());
        assertEquals("2026-01-10T08:00:00Z", json.get("lastActivity").get("at").asText());
    }

    @Test
    void theGuardFlagIsWrittenAsProtectedAndTheBlockerCountIsIncluded() throws Exception {
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsBytes(fullInventory()));

        assertTrue(json.get("protected").asBoolean());
        assertFalse(json.has("protectedUser"), "the state machine reads $.protected");
        assertEquals(9, json.get("blockerCount").asInt(), "one of each of the nine kinds");
        assertTrue(json.get("recentlyActive").asBoolean());
        assertTrue(json.get("exists").asBoolean());
    }

    @Test
    void anAbsentUsersInventoryHasEmptyListsAndNoBlockers() throws Exception {
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsBytes(UserInventory.absent("bob", TAKEN)));

        assertFalse(json.get("exists").asBoolean());
        assertEquals(0, json.get("blockerCount").asInt());
        assertTrue(json.get("accessKeys").isArray() && json.get("accessKeys").isEmpty());
        assertFalse(json.get("protected").asBoolean());
    }

    @Test
    void anInventoryWrittenByListTokensIsReadBackUnchangedByTheStrictReader() throws Exception {
        UserInventory inventory = fullInventory();
        byte[] written = Json.mapper().writeValueAsBytes(inventory);

        UserInventory read = RequestReader.read(new ByteArrayInputStream(written), UserInventory.class);

        assertEquals(inventory, read, "remove-tokens takes list-tokens' output as it is, blockerCount included");
    }

    @Test
    void anInventoryNamesTheExecutionThatTookIt() throws Exception {
        String execution = "arn:aws:states:eu-west-1:123456789012:execution:OffboardUser:run-1";

        JsonNode unstamped = Json.mapper().readTree(Json.mapper().writeValueAsBytes(fullInventory()));
        JsonNode stamped = Json.mapper().readTree(Json.mapper().writeValueAsBytes(
                fullInventory().withExecution(execution)));
        UserInventory read = RequestReader.read(new ByteArrayInputStream(
                ("{\"userName\": \"bob\", \"execution\": \"" + execution + "\"}").getBytes(StandardCharsets.UTF_8)),
                UserInventory.class);

        assertTrue(unstamped.get("execution").isNull(), "every field is written, null when no execution took it");
        assertEquals(execution, stamped.get("execution").asText());
        assertEquals(execution, read.execution());
        assertEquals(execution, fullInventory().withExecution(execution).withGuards(null, true, true, List.of()).execution(),
                "kept by withGuards");
    }

    @Test
    void theJavaFieldNameIsNotAcceptedInPlaceOfProtected() {
        String json = "{\"userName\": \"bob\", \"protectedUser\": true}";

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> RequestReader.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), UserInventory.class));
        assertTrue(e.getMessage().contains("unknown field \"protectedUser\""), e.getMessage());
    }

    @Test
    void anUnknownFieldDeepInsideIsNamedByItsPath() {
        String json = "{\"userName\": \"bob\", \"accessKeys\": [{\"accessKeyId\": \"AKIA1\", \"secret\": \"x\"}]}";

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> RequestReader.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), UserInventory.class));
        assertTrue(e.getMessage().contains("unknown field \"accessKeys[0].secret\""), e.getMessage());
    }

    @Test
    void aDateThatIsNotIso8601IsRefusedNamingTheFieldAndTheForm() {
        String json = "{\"userName\": \"bob\", \"takenAt\": \"15/01/2026\"}";

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> RequestReader.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), UserInventory.class));
        assertTrue(e.getMessage().contains("takenAt"), e.getMessage());
    }

    @Test
    void aPartialInventoryReadsWithEmptyLists() {
        String json = "{\"userName\": \"bob\", \"exists\": true, \"accessKeys\": [{\"accessKeyId\": \"AKIA1\","
                + " \"status\": \"Active\"}]}";

        UserInventory read = RequestReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                UserInventory.class);

        assertEquals(1, read.blockerCount());
        assertEquals(List.of(), read.groups());
        assertTrue(read.accessKeys().get(0).active());
    }

    @Test
    void theFlagsOfAPartialInventoryReadAsFalseWhenLeftOut() {
        String json = "{\"userName\": \"little_tester\", \"accessKeys\": [{\"accessKeyId\": \"AKIA1\"}]}";

        UserInventory read = RequestReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                UserInventory.class);

        assertFalse(read.exists());
        assertFalse(read.protectedUser());
        assertFalse(read.recentlyActive());
        assertEquals("AKIA1", read.accessKeys().get(0).accessKeyId());
    }

    @Test
    void aFlagOfTheWrongTypeIsStillRefused() {
        String json = "{\"userName\": \"bob\", \"protected\": \"true\"}";

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> RequestReader.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), UserInventory.class));
        assertTrue(e.getMessage().contains("field \"protected\" must be true or false"), e.getMessage());
    }

    @Test
    void whetherAnMfaDeviceIsVirtualIsReadFromItsSerialNeverFromInput() {
        String json = "{\"userName\": \"bob\", \"mfaDevices\": ["
                + "{\"serialNumber\": \"arn:aws:iam::123456789012:mfa/bob\"},"
                + "{\"serialNumber\": \"GAHT12345678\", \"virtual\": true}]}";

        UserInventory read = RequestReader.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), UserInventory.class);

        assertTrue(read.mfaDevices().get(0).virtual(), "an arn:...:mfa/ serial is a virtual device");
        assertFalse(read.mfaDevices().get(1).virtual(), "a hardware serial is not, whatever the input claims");
    }

    @Test
    void aRepeatedFieldIsRefusedRatherThanTheLastOneWinning() {
        String json = "{\"userName\": \"alice\", \"userName\": \"bob\"}";

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> RequestReader.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), UserInventory.class));
        assertTrue(e.getMessage().contains("userName"), e.getMessage());
    }
}
