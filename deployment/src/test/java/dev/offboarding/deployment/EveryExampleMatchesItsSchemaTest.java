package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.deployment.Contracts.Contract;
import dev.offboarding.deployment.RecordSchema.View;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in events/ is valid against its schema (validated with a JSON Schema validator, as any other tool
 * would), and an input's schema accepts exactly what its function accepts: the example, and every one-field change of
 * it (a field left out, set to null or to another type, an unknown field added), is accepted by both or refused by
 * both. An output's schema requires every field the function writes.
 */
class EveryExampleMatchesItsSchemaTest {

    static Stream<String> examples() throws IOException {
        return EveryExampleEventIsAcceptedByItsHandlerTest.allExamples().stream()
                .filter(f -> !EveryExampleEventIsAcceptedByItsHandlerTest.isPutEvents(f)
                        && !EveryExampleEventIsAcceptedByItsHandlerTest.isAnnouncement(f));
    }

    static Stream<String> announcements() throws IOException {
        return EveryExampleEventIsAcceptedByItsHandlerTest.announcements();
    }

    static Stream<String> inputExamples() throws IOException {
        return examples().filter(f -> !EveryExampleEventIsAcceptedByItsHandlerTest.isOutput(f));
    }

    static Stream<String> outputExamples() throws IOException {
        return examples().filter(EveryExampleEventIsAcceptedByItsHandlerTest::isOutput);
    }

    static Stream<String> putEvents() throws IOException {
        return EveryExampleEventIsAcceptedByItsHandlerTest.putEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void eachExampleIsValidAgainstItsSchema(String file) throws IOException {
        Contract contract = contractOf(file);

        assertEquals(List.of(), Schemas.problems(contract.schema(), example(file)), "events/" + file + " as "
                + contract.schema());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("putEvents")
    void eachPutEventsDetailIsValidAsAnEventsDetail(String file) throws IOException {
        for (JsonNode entry : example(file)) {
            ObjectNode event = Json.mapper().createObjectNode().put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718")
                    .put("source", entry.get("Source").asText()).put("time", "2026-11-20T12:00:00Z");
            event.set("detail", Json.mapper().readTree(entry.get("Detail").asText()));

            assertEquals(List.of(), Schemas.problems("start-offboarding.input", event), "events/" + file);
        }
    }

    /** An announcement's detail-type and detail are the Announcement record-outcome makes (definitions/announcement.json). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("announcements")
    void eachAnnouncementIsValidAgainstTheAnnouncementSchema(String file) throws IOException {
        JsonNode event = example(file);
        ObjectNode announcement = Json.mapper().createObjectNode();
        announcement.set("detailType", event.get("detail-type"));
        announcement.set("detail", event.get("detail"));
        java.net.URI schema = Schemas.DIR.resolve("definitions/announcement.json").toUri();

        assertEquals(List.of(), Schemas.problems(new SchemaNode(schema, Schemas.document(schema)), announcement),
                "events/" + file + " as definitions/announcement.json");
        ((ObjectNode) announcement.get("detail")).put("outcome", "REFUSED");
        assertNotEquals(List.of(), Schemas.problems(new SchemaNode(schema, Schemas.document(schema)), announcement),
                "a refusal announced as " + event.get("detail-type").asText() + " is refused");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputExamples")
    void theSchemaAcceptsAChangeOfTheExampleExactlyWhenTheFunctionDoes(String file) throws IOException {
        Contract contract = contractOf(file);
        List<String> disagreements = new ArrayList<>();

        for (OneFieldChanges.Change change : OneFieldChanges.of(example(file))) {
            List<String> schemaSays = Schemas.problems(contract.schema(), change.document());
            String codeSays = refusal(contract, change.document());
            if (schemaSays.isEmpty() != (codeSays == null)) {
                disagreements.add(change.description() + ": the schema " + (schemaSays.isEmpty() ? "accepts it"
                        : "refuses it " + schemaSays) + ", the code " + (codeSays == null ? "accepts it" : "refuses it: "
                        + codeSays));
            }
        }

        assertEquals(List.of(), disagreements, "events/" + file + " as " + contract.schema());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputExamples")
    void anOutputLackingAnyFieldIsRefused(String file) throws IOException {
        Contract contract = contractOf(file);
        List<OneFieldChanges.Change> lacking = OneFieldChanges.leavingOut(example(file));

        // Every field its schema names at the top level (a small answer has few; "more than 10" refused them).
        JsonNode documented = example(file);
        Schemas.node(contract.schema()).resolved().node().path("properties").fieldNames().forEachRemaining(field ->
                assertTrue(documented.has(field), "events/" + file + " has its schema's field " + field));
        assertFalse(lacking.isEmpty(), "events/" + file + " has fields");
        for (OneFieldChanges.Change change : lacking) {
            assertNotEquals(List.of(), Schemas.problems(contract.schema(), change.document()), change.description());
        }
    }

    @Test
    void everyExampleBelongsToAContract() throws IOException {
        for (String file : examples().toList()) {
            assertTrue(Contracts.ofExample(file).isPresent(), "events/" + file + " is an example of no schema");
        }
    }

    @Test
    void aWrongExampleIsRefusedNamingWhatIsWrong() throws IOException {
        ObjectNode misspelled = (ObjectNode) example("delete-user.json");
        misspelled.set("attempts", misspelled.remove("attempt"));
        ObjectNode numberForAnInstant = (ObjectNode) example("list-tokens-output.json");
        ((ObjectNode) numberForAnInstant.get("inventory")).put("takenAt", 1763640000);

        assertEquals(List.of("$: property 'attempts' is not defined in the schema and the schema does not allow"
                + " additional properties"), Schemas.problems("delete-user.input", misspelled));
        assertEquals(List.of("$.inventory.takenAt: integer found, string expected"),
                Schemas.problems("list-tokens.output", numberForAnInstant));
    }

    @Test
    void theInputsAreReadAsTheirFunctionsReadThem() throws IOException {
        ObjectNode nullInDetail = (ObjectNode) example("eventbridge-offboarding-event.json");
        ((ObjectNode) nullInDetail.get("detail")).putNull("reason");
        ObjectNode setByTheWorkflow = (ObjectNode) example("offboarding-request.json");
        setByTheWorkflow.put("execution", "arn:aws:states:us-east-1:123456789012:execution:OffboardUser:x");

        assertTrue(refusal(Contracts.named("start-offboarding.input"), nullInDetail).contains("detail.reason"),
                "start-offboarding's own check of the raw event: no null in its detail");
        assertTrue(refusal(Contracts.named("offboarding-request"), setByTheWorkflow).contains("execution"),
                "validate-request refuses what only the workflow sets");
        assertEquals(null, refusal(Contracts.named("list-tokens.input"), setByTheWorkflow),
                "list-tokens is given the execution by the workflow");
        assertEquals(View.READ, Contracts.named("list-tokens.input").view());
    }

    @Test
    void thePhaseIsTheWorkflowsOwn() throws IOException {
        ObjectNode request = (ObjectNode) example("offboarding-request.json");
        request.put("phase", "AGAIN");
        ObjectNode event = (ObjectNode) example("eventbridge-offboarding-event.json");
        ((ObjectNode) event.get("detail")).put("phase", "LAST");

        assertTrue(refusal(Contracts.named("offboarding-request"), request).contains("phase"),
                "validate-request refuses a phase in the workflow's input");
        assertNotEquals(List.of(), Schemas.problems("offboarding-request", request));
        assertTrue(Schemas.problems("start-offboarding.input", event).contains("$.detail.phase: schema for 'phase' is"
                + " false"), "start-offboarding's policy refuses a phase in an event's detail, as it refuses trigger");
        assertEquals(null, refusal(Contracts.named("list-tokens.input"), request), "list-tokens is given it by the workflow");
        assertEquals(List.of(), Schemas.problems("list-tokens.input", request));
    }

    private static Contract contractOf(String file) {
        return Contracts.ofExample(file).orElseThrow(() -> new AssertionError("events/" + file + " is an example of"
                + " no schema"));
    }

    /**
     * Why the code refuses this input, or null when it accepts it. A refusal is an InvalidRequestException; any other
     * exception fails the invocation all the same, and is named as what it is.
     */
    private static String refusal(Contract contract, JsonNode input) {
        try {
            contract.reading().read(input);
            return null;
        } catch (InvalidRequestException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return e.getClass().getName() + " (not InvalidRequestException)";
        }
    }

    private static JsonNode example(String file) throws IOException {
        return Json.mapper().readTree(Repository.EVENTS.resolve(file).toFile());
    }
}
