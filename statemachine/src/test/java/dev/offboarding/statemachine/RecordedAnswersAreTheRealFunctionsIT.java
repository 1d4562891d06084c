package dev.offboarding.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.decision.Decider;
import dev.offboarding.json.Json;
import dev.offboarding.json.RequestReader;
import dev.offboarding.local.LocalContext;
import dev.offboarding.model.UserInventory;
import dev.offboarding.recordoutcome.RecordOutcomeHandler;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.validation.OffboardingRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The mocked layer (npm test, run before this in the test phase) mocks what Java decides: list-tokens' decision and
 * record-outcome's answers at each stage (where it wrote the record, what an unfinished earlier run left, how the
 * execution ends and what announces it). For every such call of every test case it writes what the definition sent
 * and the mocked answer to {@code target/list-tokens-calls/<TestCase>-<State>-<n>.json} and, in the order they were
 * made, to {@code target/record-outcome-calls/<TestCase>.json}; this feeds each payload to the real Java and requires
 * the mocked answer exactly, and requires every answer that {@code test/MockConfigFile.json} mocks to have been used.
 * record-outcome runs as in one execution: one record store per test case, holding beforehand the earlier records
 * {@code test/record-store.json} gives it, and a clock fixed at {@link #RECORDS_CLOCK}, so that its answers are
 * reproducible; after its last call the store must hold the execution's final record, exactly the conclusion's.
 * Paths are relative to the module, failsafe's working directory.
 */
class RecordedAnswersAreTheRealFunctionsIT {
    private static final Path MOCK_CONFIG = Path.of("test", "MockConfigFile.json");
    private static final Path RECORD_STORES = Path.of("test", "record-store.json");
    private static final Path RECORD_OUTCOME_CALLS = Path.of("target", "record-outcome-calls");
    private static final Path LIST_TOKENS_CALLS = Path.of("target", "list-tokens-calls");
    private static final List<String> LIST_TOKENS_STATES = List.of("ListTokens", "ListTokensAgain");
    /** The Task states that invoke record-outcome, one per stage. */
    private static final List<String> RECORD_OUTCOME_STATES = List.of("OpenRecord", "RecordIntent", "RecordResult",
            "RecordDeleteIntent", "RecordOutcome");
    /** When record-outcome writes in the mocked layer's world (the executions start at 2026-11-21T09:00:00Z). */
    static final Clock RECORDS_CLOCK = Clock.fixed(Instant.parse("2026-11-21T09:30:00Z"), ZoneOffset.UTC);
    private static JsonNode mockConfig;

    @TestFactory
    List<DynamicContainer> recordOutcomeAnswersEachPayloadAsMockedWithOneStorePerExecution() throws IOException {
        List<DynamicContainer> executions = new ArrayList<>();
        for (Path file : calls(RECORD_OUTCOME_CALLS)) {
            JsonNode recorded = read(file);
            String testCase = name(file);
            MemoryRecordStore store = seeded(testCase);
            RecordOutcomeHandler handler = new RecordOutcomeHandler(store, RECORDS_CLOCK);
            List<DynamicTest> tests = new ArrayList<>();
            for (JsonNode call : recorded.path("calls")) {
                String state = call.path("state").asText();
                int index = call.path("index").asInt();
                tests.add(dynamicTest(state + " " + index, () -> {
                    JsonNode mocked = mockedReturn(testCase, state, index);

                    JsonNode real = invoke(handler, call.path("payload"));

                    assertEquals(mocked, call.path("answer"), "the suite recorded another answer than the mock's");
                    assertEquals(real, mocked, () -> "record-outcome answers " + testCase + "'s " + state + " " + index
                            + " otherwise than its mock");
                }));
            }
            tests.add(dynamicTest("the store holds the final record", () -> assertFinalRecordStored(testCase,
                    recorded.path("calls"), store)));
            executions.add(DynamicContainer.dynamicContainer(testCase, tests));
        }
        return executions;
    }

    /**
     * After the execution's last call, its record is in the store under the key every answer named: the conclusion's
     * record exactly (never left IN_PROGRESS) when record-outcome concluded, and no other record was written.
     */
    private static void assertFinalRecordStored(String testCase, JsonNode calls, MemoryRecordStore store)
            throws IOException {
        JsonNode last = calls.get(calls.size() - 1);
        String key = last.path("answer").path("recordAt").path("key").asText();
        Set<String> expectedKeys = new TreeSet<>(seeded(testCase).keys(""));
        expectedKeys.add(key);
        assertEquals(expectedKeys, new TreeSet<>(store.keys("")), "one record per execution, besides the earlier ones");
        JsonNode stored = Json.mapper().readTree(store.get(key).orElseThrow());
        if ("RecordOutcome".equals(last.path("state").asText())) {
            assertEquals(last.path("answer").path("record"), stored, "the stored record is the conclusion's");
            assertNotEquals("IN_PROGRESS", stored.path("outcome").asText());
        } else {
            assertEquals("IN_PROGRESS", stored.path("outcome").asText(), "record-outcome never concluded " + testCase);
        }
    }

    @TestFactory
    Stream<DynamicTest> listTokensDecidesAsMockedForEachRequestAndInventory() throws IOException {
        return calls(LIST_TOKENS_CALLS).stream().map(file -> dynamicTest(name(file), () -> {
            JsonNode call = read(file);
            String[] caseStateIndex = name(file).split("-");
            JsonNode mocked = mockedReturn(caseStateIndex[0], caseStateIndex[1], Integer.parseInt(caseStateIndex[2]));
            OffboardingRequest request = RequestReader.read(call.path("payload"), OffboardingRequest.class);
            UserInventory inventory = Json.mapper().treeToValue(mocked.path("inventory"), UserInventory.class);

            JsonNode real = Json.mapper().valueToTree(Decider.decide(inventory, request));

            assertEquals(mocked, call.path("answer"), "the suite recorded another answer than the mock's");
            assertEquals(real, mocked.path("decision"), () -> "the Decider decides otherwise for " + name(file));
        }));
    }

    @Test
    void everyRecordOutcomeAnswerTheMockConfigHasWasUsed() throws IOException {
        Set<String> expected = mockedReturns(RECORD_OUTCOME_STATES);
        Set<String> found = new TreeSet<>();
        for (Path file : calls(RECORD_OUTCOME_CALLS)) {
            read(file).path("calls").forEach(call -> found.add(name(file) + "-" + call.path("state").asText() + "-"
                    + call.path("index").asInt()));
        }
        expected.removeAll(found);
        assertEquals(Set.of(), expected, "mocked record-outcome answers no test case used (or npm test did not run)");
    }

    @Test
    void everyListTokensAnswerTheMockConfigHasWasUsed() throws IOException {
        assertEquals(Set.of(), missing(LIST_TOKENS_STATES, LIST_TOKENS_CALLS),
                "mocked list-tokens answers no test case used (or npm test did not run)");
    }

    /** The file names that every mocked Return of these states in every test case calls for, less those written. */
    private static Set<String> missing(List<String> states, Path dir) throws IOException {
        Set<String> expected = mockedReturns(states);
        Set<String> found = new TreeSet<>(calls(dir).stream().map(RecordedAnswersAreTheRealFunctionsIT::name).toList());
        expected.removeAll(found);
        return expected;
    }

    /** {@code <TestCase>-<State>-<n>} for every invocation of these states that a test case's mock answers. */
    private static Set<String> mockedReturns(List<String> states) throws IOException {
        Set<String> expected = new TreeSet<>();
        for (Map.Entry<String, JsonNode> testCase : testCases().properties()) {
            for (String state : states) {
                JsonNode response = testCase.getValue().path(state);
                if (response.isMissingNode()) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> entry : mockConfig().path("MockedResponses").path(response.asText())
                        .properties()) {
                    if (entry.getValue().has("Return")) {
                        for (int n : indexes(entry.getKey())) {
                            expected.add(testCase.getKey() + "-" + state + "-" + n);
                        }
                    }
                }
            }
        }
        assertFalse(expected.isEmpty(), "the mock config mocks no such answer at all");
        return expected;
    }

    /** A record store holding the earlier records test/record-store.json gives the test case. */
    private static MemoryRecordStore seeded(String testCase) throws IOException {
        MemoryRecordStore store = new MemoryRecordStore();
        for (Map.Entry<String, JsonNode> record : read(RECORD_STORES).path(testCase).properties()) {
            store.put(record.getKey(), Json.mapper().writeValueAsBytes(record.getValue()));
        }
        return store;
    }

    private static JsonNode invoke(RecordOutcomeHandler handler, JsonNode payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(payload)), out,
                new LocalContext("record-outcome"));
        return Json.mapper().readTree(out.toByteArray());
    }

    /** The Return.Payload a test case's mock of a state answers its n-th invocation with. */
    private static JsonNode mockedReturn(String testCase, String state, int n) throws IOException {
        String response = testCases().path(testCase).path(state).asText();
        for (Map.Entry<String, JsonNode> entry : mockConfig().path("MockedResponses").path(response).properties()) {
            if (indexes(entry.getKey()).contains(n)) {
                assertTrue(entry.getValue().has("Return"), testCase + ": " + state + " " + n + " is not a mocked Return");
                return entry.getValue().path("Return").path("Payload");
            }
        }
        throw new AssertionError(testCase + ": " + state + " has no mocked response for invocation " + n);
    }

    /** A mock-config key, "n" or "n-m". */
    private static List<Integer> indexes(String key) {
        String[] range = key.split("-");
        int from = Integer.parseInt(range[0]);
        int to = Integer.parseInt(range[range.length - 1]);
        List<Integer> all = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            all.add(n);
        }
        return all;
    }

    private static List<Path> calls(Path dir) throws IOException {
        assertTrue(Files.isDirectory(dir), dir.toAbsolutePath() + " is missing: npm test writes it");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertFalse(all.isEmpty(), dir.toAbsolutePath() + " is empty: npm test writes it");
            return all;
        }
    }

    private static String name(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }

    private static JsonNode testCases() throws IOException {
        return mockConfig().path("StateMachines").path("OffboardUser").path("TestCases");
    }

    private static JsonNode mockConfig() throws IOException {
        if (mockConfig == null) {
            mockConfig = read(MOCK_CONFIG);
        }
        return mockConfig;
    }

    private static JsonNode read(Path file) throws IOException {
        return Json.mapper().readTree(Files.readString(file));
    }
}
