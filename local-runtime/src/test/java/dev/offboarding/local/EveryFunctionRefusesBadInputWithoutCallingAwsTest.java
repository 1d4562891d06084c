package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every function's direct input, as Lambda hands it over (a raw JSON payload), against the simulator: each way a
 * payload can be malformed is refused with {@code InvalidRequestException} before the first IAM or STS call, so the
 * simulator's call log stays empty. The kinds are the same for every function; the bad values are derived from each
 * function's real example payload in events/, so a field added later is covered too.
 */
class EveryFunctionRefusesBadInputWithoutCallingAwsTest {
    private static final String INVALID = "dev.offboarding.errors.InvalidRequestException";
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:OffboardUser:run-1";

    /** A valid payload of each function: shown to be accepted by {@link #theValidPayloadIsAcceptedSoTheRefusalsAreAboutTheBadValue}. */
    private static final Map<String, String> VALID = Map.of(
            LocalFunctions.VALIDATE_REQUEST, "{\"request\": {\"userName\": \"little_tester\", \"dryRun\": true},"
                    + " \"executionName\": \"run-1\", \"execution\": \"" + EXECUTION + "\"}",
            LocalFunctions.LIST_TOKENS, "{\"userName\": \"little_tester\", \"dryRun\": false, \"quarantineDays\": 0}",
            LocalFunctions.REMOVE_TOKENS, example("remove-tokens.json", "dryRun", true),
            LocalFunctions.DELETE_USER, "{\"userName\": \"nobody_here\", \"attempt\": 0, \"lastAttempt\": 50}",
            LocalFunctions.CHECK_ROLE_USABLE, example("check-role-usable.json", null, null),
            LocalFunctions.RECORD_OUTCOME, example("record-outcome.json", null, null),
            LocalFunctions.REINSTATE_USER, example("reinstate-user.json", null, null));

    /** One bad payload: the function, the kind of badness, and the text sent. */
    record BadInput(String function, String kind, String payload) {
        @Override
        public String toString() {
            return function + ": " + kind;
        }
    }

    static Stream<Arguments> badInputs() {
        List<BadInput> all = new ArrayList<>();
        VALID.forEach((function, valid) -> all.addAll(badVersionsOf(function, valid)));
        return all.stream().map(Arguments::of);
    }

    static Stream<Arguments> functions() {
        return VALID.keySet().stream().map(Arguments::of);
    }

    /** Each kind of malformed payload, built from a valid one. */
    static List<BadInput> badVersionsOf(String function, String valid) {
        ObjectNode base = (ObjectNode) read(valid);
        List<BadInput> bad = new ArrayList<>();
        bad.add(new BadInput(function, "empty payload", ""));
        bad.add(new BadInput(function, "not JSON", "{\"userName\": "));
        bad.add(new BadInput(function, "null", "null"));
        bad.add(new BadInput(function, "an empty array", "[]"));
        bad.add(new BadInput(function, "the payload inside an array", "[" + valid + "]"));
        bad.add(new BadInput(function, "a string", "\"little_tester\""));
        bad.add(new BadInput(function, "a number", "42"));
        bad.add(new BadInput(function, "a boolean", "true"));
        bad.add(new BadInput(function, "content after the object", valid + " {}"));
        bad.add(new BadInput(function, "an unknown field", with(base, "dryrun", "true")));
        bad.add(new BadInput(function, "an empty object", "{}"));
        String first = base.fieldNames().next();
        bad.add(new BadInput(function, "a repeated top-level key (" + first + ")",
                "{\"" + first + "\": " + base.get(first) + ", " + valid.substring(valid.indexOf('{') + 1)));
        for (Iterator<Map.Entry<String, JsonNode>> it = base.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            bad.add(new BadInput(function, "a wrong type for " + field.getKey(),
                    with(base, field.getKey(), wrongTypeFor(value))));
            if (value.isBoolean() || value.isNumber()) {
                bad.add(new BadInput(function, "an explicit null for " + field.getKey(),
                        with(base, field.getKey(), "null")));
            }
            if (value.isObject() && value.size() > 0) {
                String inner = value.fieldNames().next();
                String nested = value.toString();
                bad.add(new BadInput(function, "a repeated key inside " + field.getKey(), with(base, field.getKey(),
                        "{\"" + inner + "\": " + value.get(inner) + ", " + nested.substring(1))));
                bad.add(new BadInput(function, "an unknown field inside " + field.getKey(), with(base, field.getKey(),
                        "{\"unexpected\": true, " + nested.substring(1))));
            }
        }
        if (base.has("userName")) {
            bad.add(new BadInput(function, "a 1 MB user name", with(base, "userName", "\"" + "a".repeat(1 << 20) + "\"")));
            bad.add(new BadInput(function, "a user name with a space", with(base, "userName", "\"little tester\"")));
            bad.add(new BadInput(function, "a user name with a control character",
                    with(base, "userName", "\"little\\u0000tester\"")));
        }
        for (String number : List.of("attempt", "lastAttempt", "quarantineDays", "successes")) {
            if (base.has(number)) {
                bad.add(new BadInput(function, "a negative " + number, with(base, number, "-1")));
                bad.add(new BadInput(function, "a fraction for " + number, with(base, number, "1.5")));
                bad.add(new BadInput(function, "an absurd " + number, with(base, number, "99999999999")));
            }
        }
        return bad;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void aMalformedPayloadIsRefusedBeforeAnyIamOrStsCall(BadInput input) {
        Scenario world = Scenario.load("little-tester");

        Invocation answer = world.functions.invoke(input.function(), input.payload());

        assertEquals(INVALID, answer.errorType(), input + " was answered " + answer);
        assertTrue(answer.errorMessage().length() < 4096, "the refusal does not echo a huge input back");
        assertEquals(List.of(), world.iam.calls().all(), input + " reached IAM or STS");
    }

    /** The control: without the bad value the same function is served, so each refusal is caused by that value. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void theValidPayloadIsAcceptedSoTheRefusalsAreAboutTheBadValue(String function) {
        Scenario world = Scenario.load("little-tester");

        Invocation answer = world.functions.invoke(function, VALID.get(function));

        assertTrue(!INVALID.equals(answer.errorType()), function + " refused its valid payload: " + answer);
    }

    private static String wrongTypeFor(JsonNode value) {
        if (value.isTextual()) {
            return "123";
        }
        if (value.isNumber()) {
            return "\"1\"";
        }
        if (value.isBoolean()) {
            return "\"true\"";
        }
        if (value.isArray()) {
            return "{}";
        }
        return "\"not an object\"";
    }

    private static String with(ObjectNode base, String field, String rawValue) {
        ObjectNode copy = base.deepCopy();
        copy.remove(field);
        String rest = copy.toString();
        return "{\"" + field + "\": " + rawValue + (copy.isEmpty() ? "}" : ", " + rest.substring(1));
    }

    private static String example(String file, String field, Object value) {
        ObjectNode json = (ObjectNode) Scenario.read(Scenario.eventsDir().resolve(file));
        if (field != null) {
            json.putPOJO(field, value);
        }
        return json.toString();
    }

    private static JsonNode read(String json) {
        try {
            return Scenario.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static {
        if (!Files.isDirectory(Scenario.eventsDir())) {
            throw new IllegalStateException("no events/ folder at " + Scenario.eventsDir());
        }
    }
}
