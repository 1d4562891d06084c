package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.deployment.RecordSchema.View;
import dev.offboarding.model.UserInventory;
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
    /** The execution's output: its record is not a Java type yet; the workflow suite validates every output against it. */
    private static final String AUDIT_RECORD = "audit-record";

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
        List<String> expected = new ArrayList<>(contracts().toList());
        expected.add(AUDIT_RECORD);

        assertEquals(expected.stream().sorted().toList(), Schemas.names());
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
