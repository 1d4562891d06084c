package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.checkroleusable.WaitForRoleRequest;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.json.Json;
import dev.offboarding.json.JsonRequestHandler;
import dev.offboarding.json.RequestReader;
import dev.offboarding.recordoutcome.Announcement;
import dev.offboarding.validation.OffboardingRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in events/ is checked as what it is, as strictly as the deployed code reads it:
 * <ul>
 * <li>an input ({@code <function>.json} and {@code <function>-*.json}, {@code eventbridge-*.json} for
 * start-offboarding, {@code offboarding-request*.json} for the OffboardUser workflow, {@code wait-for-role*.json} for
 * the wait-for-role workflow) is read into that handler's or workflow's input type (found from the template's
 * Handler);</li>
 * <li>an output ({@code <function>-output.json}) is read into that handler's output type and written back unchanged:
 * every field is one the record has, with the value it would write (that it is what the function really returns is
 * local-runtime's FunctionEventsTest);</li>
 * <li>a PutEvents example ({@code put-events-*.json}) is a list of valid PutEvents entries, each sent to the stack's
 * bus, whose event as EventBridge delivers it matches the rule and is accepted by start-offboarding;</li>
 * <li>an announcement ({@code offboarding-completed*.json}, {@code offboarding-refused*.json},
 * {@code offboarding-failed*.json}) is the event the workflow puts at its end, as EventBridge delivers it: its detail
 * is read into record-outcome's Announcement.Detail and written back unchanged (its schema:
 * EveryExampleMatchesItsSchemaTest).</li>
 * </ul>
 * Each kind is its own test with its own files; {@link #everyExampleIsCheckedAsExactlyOneKind} fails on a file that
 * no kind claims, so no example goes unchecked.
 */
class EveryExampleEventIsAcceptedByItsHandlerTest {
    private static final Template TEMPLATE = Template.load();

    /** The fields of a PutEvents request entry (PutEventsRequestEntry in the EventBridge API reference). */
    private static final Set<String> PUT_EVENTS_ENTRY_FIELDS = Set.of("Time", "Source", "Resources", "DetailType",
            "Detail", "EventBusName", "TraceHeader");
    /** PutEvents takes at most this many entries per request. */
    private static final int PUT_EVENTS_MAX_ENTRIES = 10;

    static List<String> allExamples() throws IOException {
        try (Stream<Path> files = Files.list(Repository.EVENTS)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    static boolean isOutput(String file) {
        return file.endsWith("-output.json");
    }

    static boolean isPutEvents(String file) {
        return file.startsWith("put-events-");
    }

    /** The events the workflow puts at its end, one per detail-type: offboarding-completed.json, ... */
    static boolean isAnnouncement(String file) {
        return file.startsWith("offboarding-completed") || file.startsWith("offboarding-refused")
                || file.startsWith("offboarding-failed");
    }

    static Stream<String> inputs() throws IOException {
        return allExamples().stream().filter(f -> !isOutput(f) && !isPutEvents(f) && !isAnnouncement(f));
    }

    static Stream<String> announcements() throws IOException {
        return allExamples().stream().filter(EveryExampleEventIsAcceptedByItsHandlerTest::isAnnouncement);
    }

    static Stream<String> outputs() throws IOException {
        return allExamples().stream().filter(EveryExampleEventIsAcceptedByItsHandlerTest::isOutput);
    }

    static Stream<String> putEvents() throws IOException {
        return allExamples().stream().filter(EveryExampleEventIsAcceptedByItsHandlerTest::isPutEvents);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void eachInputIsAcceptedByItsHandlersInputType(String file) throws IOException {
        Class<?> type = inputTypeFor(file).orElseGet(() -> fail("events/" + file + " belongs to no function or"
                + " workflow: name it <function>.json, <function>-<case>.json, <function>-output.json,"
                + " eventbridge-<case>.json, offboarding-request-<case>.json or put-events-<case>.json"));
        byte[] json = Files.readAllBytes(Repository.EVENTS.resolve(file));

        assertNotNull(RequestReader.read(new ByteArrayInputStream(json), type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void eachOutputIsItsHandlersOutputTypeAndWritesBackUnchanged(String file) throws IOException {
        Class<?> type = outputTypeFor(file).orElseGet(() -> fail("events/" + file + ": no function "
                + file.substring(0, file.length() - "-output.json".length()) + " in the template"));
        JsonNode example = Json.mapper().readTree(Repository.EVENTS.resolve(file).toFile());

        Class<?> written = type.isSealed() ? recordOf(type, example, file) : type;
        Object output = RequestReader.read(example, written);

        assertEquals(example, Json.mapper().valueToTree(output), "events/" + file + " as " + written.getSimpleName()
                + " writes it");
    }

    /** The one record of a sealed output type the example is (the strict reader refuses it as any other). */
    private static Class<?> recordOf(Class<?> sealed, JsonNode example, String file) {
        List<Class<?>> reading = new java.util.ArrayList<>();
        for (Class<?> record : sealed.getPermittedSubclasses()) {
            try {
                RequestReader.read(example, record);
                reading.add(record);
            } catch (InvalidRequestException notThisOne) {
                // another of the records
            }
        }
        assertEquals(1, reading.size(), "events/" + file + " is read as exactly one of " + sealed.getSimpleName()
                + "'s records: " + reading);
        return reading.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("announcements")
    void eachAnnouncementIsAnEventAsDeliveredWhoseDetailRecordOutcomeWrites(String file) throws IOException {
        JsonNode event = Json.mapper().readTree(Repository.EVENTS.resolve(file).toFile());
        Set<String> fields = new TreeSet<>();
        event.fieldNames().forEachRemaining(fields::add);

        Object detail = RequestReader.read(event.get("detail"), Announcement.Detail.class);

        assertEquals(new TreeSet<>(List.of("version", "id", "detail-type", "source", "account", "time", "region",
                "resources", "detail")), fields, "the fields of an event as EventBridge delivers it");
        assertEquals(event.get("detail"), Json.mapper().valueToTree(detail), "events/" + file + "'s detail as"
                + " record-outcome writes it");
        String execution = event.get("detail").get("execution").asText();
        assertEquals(List.of(execution, execution.replaceFirst(":execution:([^:]+):[^:]+$", ":stateMachine:$1")),
                Json.mapper().convertValue(event.get("resources"), List.class),
                "the execution and the state machine, as the events:putEvents integration adds them");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("putEvents")
    void eachPutEventsEntryIsValidAndItsEventIsMatchedByTheRuleAndAcceptedByStartOffboarding(String file)
            throws Exception {
        JsonNode entries = Json.mapper().readTree(Repository.EVENTS.resolve(file).toFile());
        Template template = Template.parse(Repository.read(Repository.TEMPLATE));
        JsonNode pattern = OffboardingRuleMatchesTheExampleEventTest.pattern(template);
        String bus = Stack.of(template, Deployments.homeOnly()).deployed().root().path("Resources")
                .path("OffboardingEventBus").path("Properties").path("Name").asText();
        Class<?> eventType = inputTypeFor("eventbridge-" + file).orElseThrow();

        assertTrue(entries.isArray() && !entries.isEmpty() && entries.size() <= PUT_EVENTS_MAX_ENTRIES,
                "events/" + file + " is what `aws events put-events --entries file://...` takes: a list of 1 to "
                        + PUT_EVENTS_MAX_ENTRIES + " entries");
        for (JsonNode entry : entries) {
            Set<String> fields = new TreeSet<>();
            entry.fieldNames().forEachRemaining(fields::add);
            assertTrue(PUT_EVENTS_ENTRY_FIELDS.containsAll(fields), "not a PutEvents entry field: " + fields);
            assertTrue(fields.containsAll(Set.of("Source", "DetailType", "Detail", "EventBusName")), fields.toString());
            assertEquals(bus, entry.get("EventBusName").asText(), "sent to the stack's bus");
            assertTrue(entry.get("Detail").isTextual(), "Detail is a string holding a JSON object");
            JsonNode detail = Json.mapper().readTree(entry.get("Detail").asText());
            assertTrue(detail.isObject(), "Detail is a JSON object");

            JsonNode delivered = asDelivered(entry, detail);

            assertTrue(OffboardingRuleMatchesTheExampleEventTest.ruleMatches(pattern, delivered), "the rule matches " + delivered);
            assertNotNull(RequestReader.read(delivered, eventType));
        }
    }

    /** The event EventBridge delivers for a PutEvents entry sent from the stack's own account. */
    private static JsonNode asDelivered(JsonNode entry, JsonNode detail) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718");
        event.put("detail-type", entry.get("DetailType").asText());
        event.put("source", entry.get("Source").asText());
        event.put("account", Stack.ACCOUNT_ID);
        event.put("time", entry.path("Time").asText("2026-11-20T12:00:00Z"));
        event.put("region", "us-east-1");
        event.set("resources", entry.has("Resources") ? entry.get("Resources") : Json.mapper().createArrayNode());
        event.set("detail", detail);
        return event;
    }

    @Test
    void everyExampleIsCheckedAsExactlyOneKind() throws IOException {
        for (String file : allExamples()) {
            int kinds = (isOutput(file) ? 1 : 0) + (isPutEvents(file) ? 1 : 0) + (isAnnouncement(file) ? 1 : 0)
                    + (inputTypeFor(file).isPresent() && !isOutput(file) && !isPutEvents(file) ? 1 : 0);
            assertEquals(1, kinds, "events/" + file + " must be exactly one of: an input of a function or workflow,"
                    + " <function>-output.json, put-events-<case>.json, offboarding-<completed|refused|failed>.json");
        }
        assertEquals(allExamples().size(), inputs().count() + outputs().count() + putEvents().count()
                + announcements().count());
    }

    @Test
    void aMisspelledFieldInAnExampleIsReported() {
        byte[] json = "{\"userName\": \"little_tester\", \"attempts\": 0}".getBytes(StandardCharsets.UTF_8);

        assertThrows(InvalidRequestException.class,
                () -> RequestReader.read(new ByteArrayInputStream(json), inputTypeFor("delete-user.json").orElseThrow()));
    }

    @Test
    void theInputTypesComeFromTheTemplatesHandlers() {
        assertEquals("DeliveredEvent", inputTypeFor("eventbridge-offboarding-event.json").orElseThrow().getSimpleName());
        assertEquals("DeliveredEvent", inputTypeFor("eventbridge-access-analyzer-unused-access-finding.json")
                .orElseThrow().getSimpleName());
        assertEquals("DeleteUserRequest", inputTypeFor("delete-user.json").orElseThrow().getSimpleName());
        assertEquals(OffboardingRequest.class, inputTypeFor("offboarding-request.json").orElseThrow());
    }

    static Optional<Class<?>> inputTypeFor(String file) {
        if (file.startsWith("offboarding-request")) {
            return Optional.of(OffboardingRequest.class);
        }
        if (file.startsWith("wait-for-role")) {
            return Optional.of(WaitForRoleRequest.class);
        }
        String module = file.startsWith("eventbridge-") ? "start-offboarding" : null;
        for (String logicalId : TEMPLATE.functions().keySet()) {
            FunctionCode function = FunctionCode.of(TEMPLATE, logicalId);
            boolean named = file.equals(function.module() + ".json") || file.startsWith(function.module() + "-");
            if (function.module().equals(module) || (module == null && named)) {
                return Optional.of(handlerInputType(function.handlerClass()));
            }
        }
        return Optional.empty();
    }

    /** O of the {@code JsonRequestHandler<I, O>} of the function a {@code <function>-output.json} file is of. */
    static Optional<Class<?>> outputTypeFor(String file) {
        String module = file.substring(0, file.length() - "-output.json".length());
        for (String logicalId : TEMPLATE.functions().keySet()) {
            FunctionCode function = FunctionCode.of(TEMPLATE, logicalId);
            if (function.module().equals(module)) {
                return Optional.of(handlerTypeArgument(function.handlerClass(), 1));
            }
        }
        return Optional.empty();
    }

    /** I of the handler's {@code JsonRequestHandler<I, O>}. */
    static Class<?> handlerInputType(String handlerClass) {
        return handlerTypeArgument(handlerClass, 0);
    }

    private static Class<?> handlerTypeArgument(String handlerClass, int index) {
        try {
            for (Class<?> type = Class.forName(handlerClass); type != null; type = type.getSuperclass()) {
                Type parent = type.getGenericSuperclass();
                if (parent instanceof ParameterizedType p && p.getRawType() == JsonRequestHandler.class) {
                    return (Class<?>) p.getActualTypeArguments()[index];
                }
            }
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no handler class " + handlerClass + " on the classpath", e);
        }
        throw new AssertionError(handlerClass + " is not a JsonRequestHandler");
    }

}
