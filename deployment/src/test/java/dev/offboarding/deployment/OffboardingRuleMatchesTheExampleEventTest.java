package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.event.ruler.RuleCompiler;
import software.amazon.event.ruler.Ruler;

class OffboardingRuleMatchesTheExampleEventTest {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);

    /** The rule's pattern, deployed with the senders of {@link Deployments} and the other parameters' defaults. */
    static JsonNode pattern(Template template) {
        return rule(template).path("Properties").path("Pattern");
    }

    static JsonNode rule(Template template) {
        Template deployed = Stack.of(template, Deployments.homeOnly()).deployed();
        JsonNode rule = deployed.functions().get("StartOffboardingFunction").path("Properties").path("Events")
                .path("OffboardingEvent");
        assertEquals("EventBridgeRule", rule.path("Type").asText());
        return rule;
    }

    /** Whether EventBridge delivers {@code event} to a rule with {@code pattern}: event-ruler, EventBridge's matcher. */
    static boolean ruleMatches(JsonNode pattern, JsonNode event) throws Exception {
        return Ruler.matchesRule(event.toString(), pattern.toString());
    }

    static JsonNode exampleEvent() throws IOException {
        return TemplateYaml.JSON.readTree(Repository.EVENTS.resolve("eventbridge-offboarding-event.json").toFile());
    }

    @Test
    void theRulesPatternIsOneEventBridgeAccepts() {
        assertNull(RuleCompiler.check(pattern(Template.parse(TEMPLATE)).toString()));
    }

    @Test
    void theRuleMatchesTheExampleEvent() throws Exception {
        assertTrue(ruleMatches(pattern(Template.parse(TEMPLATE)), exampleEvent()));
    }

    static JsonNode exampleFleetEvent() throws IOException {
        return TemplateYaml.JSON.readTree(Repository.EVENTS.resolve("eventbridge-fleet-offboarding-event.json").toFile());
    }

    @Test
    void theRuleMatchesTheExampleFleetEventFromTheSameSenders() throws Exception {
        ObjectNode fromAnotherAccount = (ObjectNode) exampleFleetEvent();
        fromAnotherAccount.put("account", "210987654321");
        ObjectNode misspelled = (ObjectNode) exampleFleetEvent();
        misspelled.put("detail-type", "Fleet offboarding requested");

        assertTrue(ruleMatches(pattern(Template.parse(TEMPLATE)), exampleFleetEvent()));
        assertFalse(ruleMatches(pattern(Template.parse(TEMPLATE)), fromAnotherAccount));
        assertFalse(ruleMatches(pattern(Template.parse(TEMPLATE)), misspelled));
    }

    @Test
    void aRuleWithoutTheFleetDetailTypeMissesTheExampleFleetEvent() throws Exception {
        Template broken = Template.parse(TEMPLATE.replace("                - Fleet Offboarding Requested\n", ""));

        assertTrue(ruleMatches(pattern(broken), exampleEvent()));
        assertFalse(ruleMatches(pattern(broken), exampleFleetEvent()));
    }

    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "source|hr.system.test",
        "source|HR.system",
        "detail-type|Offboard User",
        "detail-type|'Offboard user '",
        "detail-type|Onboard user",
        "account|210987654321",
        "account|' 123456789012'",
    })
    void theRuleDoesNotMatchANearMiss(String field, String value) throws Exception {
        ObjectNode nearMiss = (ObjectNode) exampleEvent();
        nearMiss.put(field, value);

        assertFalse(ruleMatches(pattern(Template.parse(TEMPLATE)), nearMiss));
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"source", "detail-type", "account"})
    void theRuleDoesNotMatchAnEventWithoutAFieldItNames(String field) throws Exception {
        ObjectNode incomplete = (ObjectNode) exampleEvent();
        incomplete.remove(field);

        assertFalse(ruleMatches(pattern(Template.parse(TEMPLATE)), incomplete));
    }

    @Test
    void aMalformedDetailStillReachesTheFunctionWhichRejectsItIntoTheDeadLetterQueue() throws Exception {
        ObjectNode malformed = (ObjectNode) exampleEvent();
        malformed.set("detail", TemplateYaml.JSON.createObjectNode().put("user", "little_tester"));

        assertTrue(ruleMatches(pattern(Template.parse(TEMPLATE)), malformed));
    }

    @Test
    void aRuleThatWouldMissTheExampleEventIsReported() throws Exception {
        Template broken = Template.parse(TEMPLATE.replace("    Default: Offboard user\n",
                "    Default: Offboard-user\n"));

        assertFalse(ruleMatches(pattern(broken), exampleEvent()));
    }

    @Test
    void aRuleThatWouldTakeEventsFromAnyAccountIsReported() throws Exception {
        Template broken = Template.parse(TEMPLATE.replace(
                "              account: !Split [\",\", !Ref OffboardingEventSenderAccountIds]\n", ""));
        ObjectNode fromAnotherAccount = (ObjectNode) exampleEvent();
        fromAnotherAccount.put("account", "210987654321");

        assertTrue(ruleMatches(pattern(broken), fromAnotherAccount));
        assertFalse(ruleMatches(pattern(Template.parse(TEMPLATE)), fromAnotherAccount));
    }

    @Test
    void theRuleTakesEventsFromEverySenderAccount() throws Exception {
        for (String account : Deployments.homeOnly().get("OffboardingEventSenderAccountIds").split(",")) {
            ObjectNode event = (ObjectNode) exampleEvent();
            event.put("account", account);

            assertTrue(ruleMatches(pattern(Template.parse(TEMPLATE)), event), account);
        }
    }

    @Test
    void thePutEventsEntryIsTheExampleEventAsSentToTheStacksBus() throws Exception {
        JsonNode entry = TemplateYaml.JSON.readTree(Repository.EVENTS.resolve("put-events-offboarding.json").toFile())
                .get(0);
        JsonNode event = exampleEvent();
        Template deployed = Stack.of(Template.parse(TEMPLATE), Deployments.homeOnly()).deployed();
        JsonNode bus = rule(Template.parse(TEMPLATE)).path("Properties").path("EventBusName");

        assertEquals(event.get("source").asText(), entry.get("Source").asText());
        assertEquals(event.get("detail-type").asText(), entry.get("DetailType").asText());
        assertEquals(event.get("detail"), TemplateYaml.JSON.readTree(entry.get("Detail").asText()));
        assertEquals("OffboardingEventBus", bus.path("Ref").asText(), "the rule is on the stack's own bus");
        assertEquals(deployed.root().path("Resources").path("OffboardingEventBus").path("Properties").path("Name")
                .asText(), entry.get("EventBusName").asText(), "the bus of a stack named " + Stack.STACK_NAME);
    }

    @Test
    void theRuleRetriesAndKeepsWhatItCannotDeliver() {
        JsonNode properties = Stack.of(Template.parse(TEMPLATE), Deployments.homeOnly()).deployed().functions()
                .get("StartOffboardingFunction").path("Properties");
        JsonNode rule = properties.path("Events").path("OffboardingEvent").path("Properties");

        assertTrue(rule.path("RetryPolicy").path("MaximumRetryAttempts").asInt() > 0);
        assertEquals("SQS", rule.path("DeadLetterConfig").path("Type").asText());
        assertEquals("SQS", properties.path("EventInvokeConfig").path("DestinationConfig").path("OnFailure")
                .path("Type").asText(), "what the function rejects or fails on is kept, with the reason");
    }
}
