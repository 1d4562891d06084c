package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OffboardingRuleMatchesTheExampleEventTest {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);

    /** The rule's pattern with the template's parameters at their defaults. */
    static JsonNode pattern(Template template) {
        JsonNode rule = template.functions().get("StartOffboardingFunction").path("Properties").path("Events")
                .path("OffboardingEvent");
        assertEquals("EventBridgeRule", rule.path("Type").asText());
        return resolveParameters(template, rule.path("Properties").path("Pattern").deepCopy());
    }

    private static JsonNode resolveParameters(Template template, JsonNode node) {
        if (node.isObject() && node.size() == 1 && node.has("Ref")) {
            return TemplateYaml.JSON.getNodeFactory().textNode(template.parameterDefault(node.get("Ref").asText()));
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (String name : iterable(object)) {
                object.set(name, resolveParameters(template, object.get(name)));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, resolveParameters(template, node.get(i)));
            }
        }
        return node;
    }

    private static java.util.List<String> iterable(ObjectNode object) {
        java.util.List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static JsonNode exampleEvent() throws IOException {
        return TemplateYaml.JSON.readTree(Repository.EVENTS.resolve("eventbridge-offboarding-event.json").toFile());
    }

    @Test
    void theRuleMatchesTheExampleEvent() throws IOException {
        assertTrue(EventPattern.matches(pattern(Template.parse(TEMPLATE)), exampleEvent()));
    }

    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "source|hr.system.test",
        "source|HR.system",
        "detail-type|Offboard User",
        "detail-type|'Offboard user '",
        "detail-type|Onboard user",
    })
    void theRuleDoesNotMatchANearMiss(String field, String value) throws IOException {
        ObjectNode nearMiss = (ObjectNode) exampleEvent();
        nearMiss.put(field, value);

        assertFalse(EventPattern.matches(pattern(Template.parse(TEMPLATE)), nearMiss));
    }

    @Test
    void aMalformedDetailStillReachesTheFunctionWhichRejectsItIntoTheDeadLetterQueue() throws IOException {
        ObjectNode malformed = (ObjectNode) exampleEvent();
        malformed.set("detail", TemplateYaml.JSON.createObjectNode().put("user", "little_tester"));

        assertTrue(EventPattern.matches(pattern(Template.parse(TEMPLATE)), malformed));
    }

    @Test
    void aRuleThatWouldMissTheExampleEventIsReported() throws IOException {
        Template broken = Template.parse(TEMPLATE.replace("    Default: Offboard user\n",
                "    Default: Offboard-user\n"));

        assertFalse(EventPattern.matches(pattern(broken), exampleEvent()));
    }

    @Test
    void thePutEventsEntryIsTheExampleEventAsSent() throws IOException {
        JsonNode entry = TemplateYaml.JSON.readTree(Repository.EVENTS.resolve("put-events-offboarding.json").toFile())
                .get(0);
        JsonNode event = exampleEvent();

        assertEquals(event.get("source").asText(), entry.get("Source").asText());
        assertEquals(event.get("detail-type").asText(), entry.get("DetailType").asText());
        assertEquals(event.get("detail"), TemplateYaml.JSON.readTree(entry.get("Detail").asText()));
        assertEquals(Template.parse(TEMPLATE).parameterDefault("EventBusName"), entry.get("EventBusName").asText());
    }

    @Test
    void theRuleRetriesAndKeepsWhatItCannotDeliver() {
        JsonNode properties = Template.parse(TEMPLATE).functions().get("StartOffboardingFunction").path("Properties");
        JsonNode rule = properties.path("Events").path("OffboardingEvent").path("Properties");

        assertTrue(rule.path("RetryPolicy").path("MaximumRetryAttempts").asInt() > 0);
        assertEquals("SQS", rule.path("DeadLetterConfig").path("Type").asText());
        assertEquals("SQS", properties.path("EventInvokeConfig").path("DestinationConfig").path("OnFailure")
                .path("Type").asText(), "what the function rejects or fails on is kept, with the reason");
    }
}
