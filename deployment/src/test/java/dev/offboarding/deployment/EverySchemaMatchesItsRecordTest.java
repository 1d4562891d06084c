package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.audit.WouldRefuse;
import dev.offboarding.deployment.RecordSchema.View;
import dev.offboarding.json.Json;
import dev.offboarding.deleteuser.DeleteUserResult;
import dev.offboarding.model.UserInventory;
import dev.offboarding.recordoutcome.Deletion;
import dev.offboarding.recordoutcome.Rounds;
import dev.offboarding.recordoutcome.RunLog;
import dev.offboarding.recordoutcome.StageAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each schema in schemas/ states what its record is, field by field: names, JSON types, enums, and nulls as the code
 * enforces them (see {@link RecordSchema}). A function's schemas are found from the template, so a function added
 * without them fails here.
 */
class EverySchemaMatchesItsRecordTest {
    static Stream<String> contracts() {
        return Contracts.all().stream().map(Contracts.Contract::schema);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void eachSchemaStatesItsRecordsFieldsTypesAndNulls(String schema) {
        Contracts.Contract contract = Contracts.named(schema);

        assertEquals(List.of(), RecordSchema.disagreements(contract.type(), contract.view(), Schemas.node(schema)),
                "schemas/" + schema + ".schema.json against " + contract.type().getName() + " as "
                        + (contract.view() == View.READ ? "read" : "written"));
    }

    @Test
    void everySchemaIsAFunctionsInputOrOutputAWorkflowsInputOrTheAuditRecord() {
        assertEquals(contracts().sorted().toList(), Schemas.names());
        assertEquals(AuditRecord.class, Contracts.named("audit-record").type());
        assertEquals(View.WRITTEN, Contracts.named("audit-record").view());
    }

    @Test
    void aSchemaThatDisagreesWithItsRecordIsReported() {
        SchemaNode written = Schemas.node("delete-user.output").resolved();
        Class<?> result = Contracts.named("delete-user.output").type();

        ObjectNode missing = written.node().deepCopy();
        ((ObjectNode) missing.get("properties")).remove("conflict");
        removeRequired(missing, "conflict");
        ObjectNode wrongType = written.node().deepCopy();
        ((ObjectNode) wrongType.get("properties")).putObject("attempt").put("type", "string");
        ObjectNode nullablePrimitive = written.node().deepCopy();
        ((ObjectNode) nullablePrimitive.get("properties").get("attempt")).putArray("type").add("integer").add("null");
        ObjectNode open = written.node().deepCopy();
        open.put("additionalProperties", true);
        ObjectNode shortEnum = written.node().deepCopy();
        ((ObjectNode) shortEnum.get("properties")).putObject("outcome").putArray("enum").add("DELETED").add("ALREADY_ABSENT");
        ObjectNode optional = written.node().deepCopy();
        removeRequired(optional, "at");

        assertReported(result, View.WRITTEN, written.child(missing), "the schema's properties are [at, attempt, outcome, userName]");
        assertReported(result, View.WRITTEN, written.child(wrongType), ".attempt: a int is a JSON integer");
        assertReported(result, View.WRITTEN, written.child(nullablePrimitive), ".attempt: a int is never null");
        assertReported(result, View.WRITTEN, written.child(open), "additionalProperties must be false");
        assertReported(result, View.WRITTEN, written.child(shortEnum), "DeletionOutcome is one of [DELETED, ALREADY_ABSENT, STILL_CONFLICTING]");
        assertReported(result, View.WRITTEN, written.child(optional), "every field is written");
    }

    @Test
    void nullsAreReportedWhereTheReaderRefusesOrAcceptsThem() {
        SchemaNode read = Schemas.node("delete-user.input").resolved();
        ObjectNode nullableNumber = read.node().deepCopy();
        ((ObjectNode) nullableNumber.get("properties").get("attempt")).putArray("type").add("integer").add("null");
        SchemaNode inventory = new SchemaNode(Schemas.DIR.resolve("definitions/user-inventory.json").toUri(),
                Schemas.node("list-tokens.output").resolved().node());
        SchemaNode readInventory = inventory.child(Schemas.document(inventory.document()).at("/$defs/read"));
        ObjectNode nullRefused = readInventory.node().deepCopy();
        ((ObjectNode) nullRefused.get("properties")).putObject("exists").put("type", "boolean");

        assertReported(Contracts.named("delete-user.input").type(), View.READ, read.child(nullableNumber),
                ".attempt: RequestReader refuses a null Integer");
        assertReported(UserInventory.class, View.READ, readInventory.child(nullRefused),
                ".exists: @JsonSetter(nulls = AS_EMPTY) reads null as boolean's default, so null must be accepted");
        assertEquals(List.of(), RecordSchema.disagreements(UserInventory.class, View.READ, readInventory));
    }

    @Test
    void aRecordWithFieldsWrittenOnlyWhenSetIsCheckedShapeByShape() {
        SchemaNode audit = Schemas.node("audit-record");
        JsonNode shapes = audit.node().at("/properties/wouldRefuse/anyOf/0");
        List<ObjectNode> inlined = new ArrayList<>();
        shapes.get("oneOf").forEach(shape -> inlined.add(audit.child(shape).resolved().node().deepCopy()));

        ObjectNode nullTags = oneOf(inlined);
        ((ObjectNode) nullTags.at("/oneOf/0/properties/tags")).putArray("type").add("array").add("null");
        ObjectNode noLastActivity = oneOf(inlined.subList(0, 2));
        ObjectNode lacksCause = oneOf(inlined);
        ((ObjectNode) lacksCause.at("/oneOf/1/properties")).remove("cause");
        removeRequired((ObjectNode) lacksCause.at("/oneOf/1"), "cause");
        ObjectNode causeOptional = oneOf(inlined);
        removeRequired((ObjectNode) causeOptional.at("/oneOf/0"), "cause");
        ObjectNode oneObject = inlined.get(0).deepCopy();
        ((ObjectNode) oneObject.get("properties")).set("privilegeReasons", inlined.get(1).at("/properties/privilegeReasons"));
        ((ObjectNode) oneObject.get("properties")).set("lastActivity", inlined.get(2).at("/properties/lastActivity"));
        removeRequired(oneObject, "tags");
        ObjectNode oneObjectNullTags = oneObject.deepCopy();
        ((ObjectNode) oneObjectNullTags.at("/properties/tags")).putArray("type").add("array").add("null");
        SchemaNode deleted = Schemas.node("delete-user.output").resolved();
        ObjectNode shapesOfAPlainRecord = oneOf(List.of((ObjectNode) deleted.node()));

        assertEquals(List.of(), RecordSchema.disagreements(WouldRefuse.class, View.WRITTEN, audit.child(shapes)));
        assertEquals(List.of(), RecordSchema.disagreements(WouldRefuse.class, View.WRITTEN, audit.child(oneObject)),
                "one object naming every field, those written only when set not required");
        assertReported(WouldRefuse.class, View.WRITTEN, audit.child(nullTags),
                "(oneOf 0).tags: @JsonInclude(NON_NULL) leaves it out when it is null, so it is never written as null");
        assertReported(WouldRefuse.class, View.WRITTEN, audit.child(oneObjectNullTags),
                ".tags: @JsonInclude(NON_NULL) leaves it out when it is null, so it is never written as null");
        assertReported(WouldRefuse.class, View.WRITTEN, audit.child(noLastActivity),
                ".lastActivity: written when it is set, but no alternative of the oneOf has it");
        assertReported(WouldRefuse.class, View.WRITTEN, audit.child(lacksCause),
                "(oneOf 1): the schema's properties are [error, privilegeReasons]");
        assertReported(WouldRefuse.class, View.WRITTEN, audit.child(causeOptional),
                "(oneOf 0): required is [error, tags], but every field is written (null ones too) but [lastActivity,"
                        + " privilegeReasons, tags], left out when null: [cause, error]");
        assertReported(DeleteUserResult.class, View.WRITTEN, deleted.child(shapesOfAPlainRecord),
                "a oneOf of objects, but " + DeleteUserResult.class.getName() + " writes every field");
    }

    @Test
    void aLinkedListIsWalkedOnceAndStillChecked() {
        SchemaNode input = Schemas.node("record-outcome.input");
        SchemaNode rounds = input.child(input.node().at("/$defs/rounds"));
        ObjectNode beforeIsTheLog = rounds.node().deepCopy();
        ((ObjectNode) beforeIsTheLog.at("/properties/before/anyOf/0")).put("$ref", "#/$defs/log");
        ObjectNode roundIsAnItem = rounds.node().deepCopy();
        ((ObjectNode) roundIsAnItem.at("/properties/round")).put("$ref",
                "definitions/removed-item.json#/$defs/unchecked");

        assertEquals(List.of(), RecordSchema.disagreements(Rounds.class, View.READ, rounds),
                "Rounds(round, before) against a schema whose before points back to itself");
        assertReported(Rounds.class, View.READ, rounds.child(beforeIsTheLog), "Rounds.before: the schema's properties"
                + " are [deleteUserCalls, interrupted, interruptions, lastConflict, rounds, sweeps], "
                + Rounds.class.getName() + " reads [before, round]");
        assertReported(Rounds.class, View.READ, rounds.child(roundIsAnItem), "Rounds.round: the schema's properties are"
                + " [action, id, kind], dev.offboarding.audit.RemovalRound reads [deny, items, mode, quarantineUntil]");
    }

    @Test
    void aJsonNodeIsWhateverTheSchemaSaysWhenWrittenAndAnythingWhenRead() {
        SchemaNode input = Schemas.node("record-outcome.input");
        ObjectNode log = input.node().at("/$defs/log").deepCopy();
        ((ObjectNode) log.get("properties")).putObject("interrupted").put("$ref",
                "audit-record.schema.json#/$defs/interruptedRemoval");

        assertReported(RunLog.class, View.READ, input.child(log),
                "RunLog.interrupted: a JsonNode is read from any JSON, the schema says");
        assertEquals(List.of(), RecordSchema.disagreements(AuditRecord.class, View.WRITTEN,
                Schemas.node("audit-record")), "the audit record's interruptedRemovals, a JsonNode, as its schema states it");
    }

    @Test
    void aPrimitiveLeftOutIsRefusedWhenReadSoItIsRequired() {
        SchemaNode input = Schemas.node("record-outcome.input");
        ObjectNode optionalAttempt = input.node().at("/$defs/deletion").deepCopy();
        removeRequired(optionalAttempt, "attempt");

        assertReported(Deletion.class, View.READ, input.child(optionalAttempt),
                "Deletion.attempt: the mapper refuses a missing int (FAIL_ON_NULL_FOR_PRIMITIVES), so it must be required");
    }

    @Test
    void aSealedInterfaceIsAOneOfOfItsRecordsInTheOrderItPermitsThem() {
        SchemaNode output = Schemas.node("record-outcome.output");
        ObjectNode swapped = output.node().deepCopy();
        ArrayNode alternatives = (ArrayNode) swapped.get("oneOf");
        JsonNode first = alternatives.remove(0);
        alternatives.insert(1, first);
        ObjectNode lacking = output.node().deepCopy();
        ((ArrayNode) lacking.get("oneOf")).remove(2);

        assertEquals(List.of(), RecordSchema.disagreements(StageAnswer.class, View.WRITTEN, output));
        assertReported(StageAnswer.class, View.WRITTEN, output.child(swapped), "StageAnswer (oneOf 0: Opened): the"
                + " schema's properties are [recordAt], dev.offboarding.recordoutcome.StageAnswer$Opened writes");
        assertReported(StageAnswer.class, View.WRITTEN, output.child(lacking), StageAnswer.class.getName()
                + " is one of 3 records [Opened, Written, Conclusion]");
    }

    @Test
    void theFieldsAreListedInTheRecordsOrder() {
        SchemaNode written = Schemas.node("delete-user.output").resolved();
        ObjectNode reordered = written.node().deepCopy();
        JsonNode userName = ((ObjectNode) reordered.get("properties")).remove("userName");
        ((ObjectNode) reordered.get("properties")).set("userName", userName);

        assertReported(DeleteUserResult.class, View.WRITTEN, written.child(reordered), "the schema lists [outcome, at,"
                + " attempt, conflict, userName], " + DeleteUserResult.class.getName() + " has them in the order"
                + " [userName, outcome, at, attempt, conflict]");
    }

    private static ObjectNode oneOf(List<ObjectNode> shapes) {
        ObjectNode schema = Json.mapper().createObjectNode();
        ArrayNode alternatives = schema.putArray("oneOf");
        shapes.forEach(shape -> alternatives.add(shape.deepCopy()));
        return schema;
    }

    @Test
    void aMapIsAnObjectOfItsEntriesWithItsEnumsKeysAndItsValuesType() throws ClassNotFoundException {
        Class<?> counts = Class.forName("dev.offboarding.fleetrun.Counts");
        java.net.URI fleet = Schemas.DIR.resolve("definitions/fleet.json").toUri();
        SchemaNode schema = new SchemaNode(fleet, Schemas.document(fleet).at("/$defs/counts"));
        ObjectNode fewerKeys = schema.node().deepCopy();
        ((ArrayNode) fewerKeys.at("/properties/byOutcome/propertyNames/enum")).remove(0);
        ObjectNode textValues = schema.node().deepCopy();
        ((ObjectNode) textValues.at("/properties/byError")).putObject("additionalProperties").put("type", "string");
        ObjectNode fields = schema.node().deepCopy();
        ((ObjectNode) fields.at("/properties/byError")).putObject("properties");

        assertEquals(List.of(), RecordSchema.disagreements(counts, View.WRITTEN, schema));
        assertReported(counts, View.WRITTEN, schema.child(fewerKeys), ".byOutcome: its keys are");
        assertReported(counts, View.WRITTEN, schema.child(textValues), ".byError{}: a Integer is a JSON integer");
        assertReported(counts, View.WRITTEN, schema.child(fields), ".byError: a Map is a JSON object of its entries");
    }

    private static void assertReported(Class<?> record, View view, SchemaNode schema, String expected) {
        List<String> found = RecordSchema.disagreements(record, view, schema);

        assertTrue(found.stream().anyMatch(f -> f.contains(expected)), "expected \"" + expected + "\" in " + found);
    }

    private static void removeRequired(ObjectNode schema, String field) {
        ArrayNode required = (ArrayNode) schema.get("required");
        for (int i = required.size() - 1; i >= 0; i--) {
            if (required.get(i).asText().equals(field)) {
                required.remove(i);
            }
        }
    }
}
