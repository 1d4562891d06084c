package dev.offboarding.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.validation.OffboardingRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A request nested in a larger payload (an event's detail, the workflow's entry) is read as strictly as a request
 * on its own: an explicit null flag, a repeated key or a wrong type deep inside is refused naming its path.
 */
class NestedStrictnessUnitTest {

    /** An envelope like an EventBridge event: the request sits one level down. */
    record Envelope(String id, OffboardingRequest detail) {
    }

    /** A list of records, as an inventory's lists are. */
    record Batch(List<Flagged> items) {
    }

    record Flagged(String name, Boolean enabled) {
    }

    private static <T> T read(String json, Class<T> type) {
        return RequestReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type);
    }

    private static InvalidRequestException refused(String json, Class<?> type) {
        return assertThrows(InvalidRequestException.class, () -> read(json, type));
    }

    @Test
    void aNullDryRunInsideTheDetailIsRefusedNotReadAsAbsent() {
        InvalidRequestException e = refused("{\"id\": \"1\", \"detail\": {\"userName\": \"bob\", \"dryRun\": null}}",
                Envelope.class);

        assertTrue(e.getMessage().contains("\"detail.dryRun\" must be true or false, not null"), e.getMessage());
    }

    @Test
    void aNullQuarantineInsideTheDetailIsRefused() {
        InvalidRequestException e = refused(
                "{\"id\": \"1\", \"detail\": {\"userName\": \"bob\", \"quarantineDays\": null}}", Envelope.class);

        assertTrue(e.getMessage().contains("\"detail.quarantineDays\" must be a whole number, not null"),
                e.getMessage());
    }

    @Test
    void aNullFlagInAListItemIsRefusedNamingItsIndex() {
        InvalidRequestException e = refused("{\"items\": [{\"name\": \"a\"}, {\"name\": \"b\", \"enabled\": null}]}",
                Batch.class);

        assertTrue(e.getMessage().contains("\"items[1].enabled\""), e.getMessage());
    }

    @Test
    void aRepeatedKeyInsideTheDetailIsRefused() {
        InvalidRequestException e = refused(
                "{\"id\": \"1\", \"detail\": {\"userName\": \"bob\", \"dryRun\": true, \"dryRun\": false}}",
                Envelope.class);

        assertTrue(e.getMessage().contains("field \"detail.dryRun\" is given twice (line 1, column 67): keep one"),
                e.getMessage());
    }

    @Test
    void aFlagLeftOutInsideTheDetailIsAccepted() {
        assertDoesNotThrow(() -> read("{\"id\": \"1\", \"detail\": {\"userName\": \"bob\"}}", Envelope.class));
    }

    @Test
    void aCallersRequestMayHoldNoNullAnywhere() {
        JsonNode request = Json.mapper().createObjectNode().put("userName", "bob").putNull("reason");

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> RequestReader.refuseAnyNull(request, "detail"));

        assertTrue(e.getMessage().contains("\"detail.reason\" is null"), e.getMessage());
    }

    @Test
    void everyNullOfACallersRequestIsNamedAtOnce() {
        JsonNode request = Json.mapper().createObjectNode().put("userName", "bob").putNull("reason");
        ((ObjectNode) request).putArray("items").add(1).addNull();

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> RequestReader.refuseAnyNull(request, "detail"));

        assertEquals(List.of(
                "field \"detail.reason\" is null: leave it out to use its default, or give it a value",
                "field \"detail.items[1]\" is null: leave it out to use its default, or give it a value"),
                e.problems());
    }

    @Test
    void aRequestWithoutNullsPassesTheNullCheck() {
        JsonNode request = Json.mapper().createObjectNode().put("userName", "bob").put("dryRun", true);

        assertDoesNotThrow(() -> RequestReader.refuseAnyNull(request, "detail"));
    }

    record Dated(java.time.Instant at) {
    }

    @Test
    void aNumberIsNoDateItWouldBeReadAsSecondsSince1970() {
        InvalidRequestException e = refused("{\"at\": 123}", Dated.class);

        assertTrue(e.getMessage().contains("\"at\" must be an ISO-8601 timestamp"), e.getMessage());
    }

    @Test
    void aTextThatIsNoDateIsRefusedQuotingIt() {
        InvalidRequestException e = refused("{\"at\": \"yesterday\"}", Dated.class);

        assertTrue(e.getMessage().contains("\"at\" must be an ISO-8601 timestamp such as \"2026-11-20T12:00:00Z\","
                + " not \"yesterday\""), e.getMessage());
    }

    @Test
    void anIsoDateIsADate() {
        assertDoesNotThrow(() -> read("{\"at\": \"2026-11-20T12:00:00Z\"}", Dated.class));
    }

    @Test
    void aNumberTooLargeForItsFieldIsRefusedNamingTheField() {
        InvalidRequestException e = refused(
                "{\"id\": \"1\", \"detail\": {\"userName\": \"bob\", \"quarantineDays\": 3000000000}}", Envelope.class);

        assertTrue(e.getMessage().contains("field \"detail.quarantineDays\" is malformed: Numeric value (3000000000) out of range"),
                e.getMessage());
    }

    @Test
    void aTreeIsBoundAndValidatedLikeAStream() {
        JsonNode tree = Json.mapper().createObjectNode().put("userName", "bad name");

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> RequestReader.read(tree, OffboardingRequest.class));

        assertTrue(e.getMessage().contains("userName contains the character U+0020"), e.getMessage());
    }

    @Test
    void aFileAPersonWritesMayHoldCommentsAndIsOtherwiseAsStrict() {
        String commented = "{\"userName\": \"bob\", // the user\n \"dryRun\": true}";

        JsonNode tree = RequestReader.readTree(stream(commented), Json.allowingComments());

        assertEquals("bob", tree.get("userName").textValue());
        assertThrows(InvalidRequestException.class, () -> RequestReader.readTree(stream(commented)),
                "a request is no file: it holds no comment");
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> RequestReader.readTree(
                stream("{\"userName\": \"bob\", /* again */ \"userName\": \"alice\"}"), Json.allowingComments()));
        assertTrue(e.getMessage().contains("field \"userName\" is given twice"), e.getMessage());
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
