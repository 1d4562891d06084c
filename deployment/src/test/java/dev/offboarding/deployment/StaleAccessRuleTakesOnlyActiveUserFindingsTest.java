package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The optional stale-access trigger (StaleAccessTrigger=Enabled): a rule on the default event bus, where IAM Access
 * Analyzer sends its findings, that takes the analyzer's unused access findings on IAM users of this account while
 * they are ACTIVE, and sends them to start-offboarding's published alias, with retries and a dead-letter queue; only
 * that rule may invoke it. Off by default: nothing of it is deployed.
 */
class StaleAccessRuleTakesOnlyActiveUserFindingsTest {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);
    static final String USER_FINDING = "eventbridge-access-analyzer-unused-access-finding.json";
    static final String DOCUMENTED_ROLE_FINDING = "eventbridge-access-analyzer-unused-permission-role.json";
    private static final List<String> TRIGGER_RESOURCES = List.of("StaleAccessRule",
            "StaleAccessRuleMayInvokeStartOffboarding", "UndeliveredFindingsQueue", "UndeliveredFindingsQueuePolicy",
            "UndeliveredFindingsAlarm");

    static Map<String, String> enabled() {
        return Deployments.with(Deployments.homeOnly(), "StaleAccessTrigger", "Enabled");
    }

    static JsonNode resource(Template deployed, String logicalId) {
        return deployed.root().path("Resources").path(logicalId);
    }

    static JsonNode pattern(String template) {
        return resource(Deployments.deployed(template, enabled()), "StaleAccessRule").path("Properties")
                .path("EventPattern");
    }

    static ObjectNode example(String file) throws IOException {
        return (ObjectNode) TemplateYaml.JSON.readTree(Repository.EVENTS.resolve(file).toFile());
    }

    static ObjectNode userFindingWith(String field, String value) throws IOException {
        ObjectNode event = example(USER_FINDING);
        ((ObjectNode) event.get("detail")).put(field, value);
        return event;
    }

    @Test
    void byDefaultNothingOfTheTriggerIsDeployed() {
        Template deployed = Deployments.deployed(TEMPLATE, Deployments.homeOnly());

        assertEquals("Disabled", Template.parse(TEMPLATE).root().path("Parameters").path("StaleAccessTrigger")
                .path("Default").asText());
        for (String id : TRIGGER_RESOURCES) {
            assertTrue(resource(deployed, id).isMissingNode(), id + " is deployed with the trigger off");
        }
        assertTrue(resource(deployed, "OffboardingEventBus").isObject(), "the offboarding events' bus is, as ever");
    }

    @Test
    void enabledTheRuleIsOnTheDefaultBusAndItsPatternIsOneEventBridgeAccepts() {
        Template deployed = Deployments.deployed(TEMPLATE, enabled());
        JsonNode rule = resource(deployed, "StaleAccessRule").path("Properties");

        for (String id : TRIGGER_RESOURCES) {
            assertTrue(resource(deployed, id).isObject(), id + " is deployed with the trigger on");
        }
        assertEquals("default", rule.path("EventBusName").asText(), "AWS services send their events to the default bus");
        assertEquals("ENABLED", rule.path("State").asText());
        assertNull(software.amazon.event.ruler.RuleCompiler.check(rule.path("EventPattern").toString()));
    }

    @Test
    void theRuleMatchesTheExampleFinding() throws Exception {
        assertTrue(OffboardingRuleMatchesTheExampleEventTest.ruleMatches(pattern(TEMPLATE), example(USER_FINDING)));
    }

    @Test
    void theRuleDoesNotMatchAwssOwnExampleARolesFinding() throws Exception {
        ObjectNode role = example(DOCUMENTED_ROLE_FINDING);

        assertFalse(OffboardingRuleMatchesTheExampleEventTest.ruleMatches(pattern(TEMPLATE), role));
        role.put("account", Stack.ACCOUNT_ID);
        assertFalse(OffboardingRuleMatchesTheExampleEventTest.ruleMatches(pattern(TEMPLATE), role));
    }

    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "status|ARCHIVED",
        "status|RESOLVED",
        "resourceType|AWS::IAM::Role",
        "resourceType|AWS::IAM::user",
    })
    void theRuleDoesNotMatchAFindingThatIsNotAnActiveUsers(String field, String value) throws Exception {
        assertFalse(OffboardingRuleMatchesTheExampleEventTest.ruleMatches(pattern(TEMPLATE),
                userFindingWith(field, value)));
    }

    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "source|aws.access-analyzer-test",
        "source|hr.system",
        "detail-type|Access Analyzer Finding",
        "detail-type|Internal Access Finding",
        "account|111122223333",
    })
    void theRuleDoesNotMatchANearMiss(String field, String value) throws Exception {
        ObjectNode nearMiss = example(USER_FINDING).put(field, value);

        assertFalse(OffboardingRuleMatchesTheExampleEventTest.ruleMatches(pattern(TEMPLATE), nearMiss));
    }

    /** Which user findings ask for a quarantine is start-offboarding's to say; it logs the ones it ignores. */
    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "findingType|UnusedPermission",
        "findingType|UnusedIAMUserAccessKey",
        "error|INTERNAL_ERROR",
    })
    void everyActiveUserFindingReachesTheFunctionWhichDecides(String field, String value) throws Exception {
        assertTrue(OffboardingRuleMatchesTheExampleEventTest.ruleMatches(pattern(TEMPLATE),
                userFindingWith(field, value)));
    }

    @Test
    void aRuleThatWouldTakeRoleFindingsIsReported() throws Exception {
        String broken = TEMPLATE.replace("          resourceType:\n            - AWS::IAM::User\n", "");

        assertTrue(OffboardingRuleMatchesTheExampleEventTest.ruleMatches(pattern(broken),
                userFindingWith("resourceType", "AWS::IAM::Role")));
    }

    @Test
    void aRuleWithAMisspelledDetailTypeWouldMissTheFindingAndIsReported() throws Exception {
        String broken = TEMPLATE.replace("          - Unused Access Finding for IAM entities\n",
                "          - Unused Access Finding For IAM Entities\n");

        assertFalse(OffboardingRuleMatchesTheExampleEventTest.ruleMatches(pattern(broken), example(USER_FINDING)));
    }

    @Test
    void theRuleSendsToTheFunctionsAliasRetriesAndKeepsWhatItCannotDeliver() {
        Template deployed = Deployments.deployed(TEMPLATE, enabled());
        JsonNode targets = resource(deployed, "StaleAccessRule").path("Properties").path("Targets");

        assertEquals(1, targets.size());
        JsonNode target = targets.get(0);
        assertEquals("StartOffboardingFunction.Alias", target.path("Arn").path("Ref").asText());
        assertTrue(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt() > 0);
        assertEquals("UndeliveredFindingsQueue", target.path("DeadLetterConfig").path("Arn").path("Fn::GetAtt").path(0)
                .asText());
        assertEquals("SQS", deployed.functions().get("StartOffboardingFunction").path("Properties")
                .path("EventInvokeConfig").path("DestinationConfig").path("OnFailure").path("Type").asText(),
                "what the function refuses is kept with the reason, as for every event");
    }

    @Test
    void onlyTheRuleMayInvokeTheFunctionAndSendToItsDeadLetterQueue() {
        Template deployed = Deployments.deployed(TEMPLATE, enabled());
        JsonNode permission = resource(deployed, "StaleAccessRuleMayInvokeStartOffboarding").path("Properties");
        JsonNode statements = resource(deployed, "UndeliveredFindingsQueuePolicy").path("Properties")
                .path("PolicyDocument").path("Statement");
        JsonNode theRule = TemplateYaml.JSON.createObjectNode().set("Fn::GetAtt",
                TemplateYaml.JSON.createArrayNode().add("StaleAccessRule").add("Arn"));

        assertEquals("lambda:InvokeFunction", permission.path("Action").asText());
        assertEquals("StartOffboardingFunction.Alias", permission.path("FunctionName").path("Ref").asText());
        assertEquals("events.amazonaws.com", permission.path("Principal").asText());
        assertEquals(theRule, permission.path("SourceArn"));
        assertEquals(1, statements.size());
        assertEquals("sqs:SendMessage", statements.get(0).path("Action").asText());
        assertEquals("events.amazonaws.com", statements.get(0).path("Principal").path("Service").asText());
        assertEquals(theRule, statements.get(0).path("Condition").path("ArnEquals").path("aws:SourceArn"));
    }

    @Test
    void theQuarantineOfAFindingIsOneTo90DaysAndStartOffboardingIsToldIt() {
        JsonNode parameter = Template.parse(TEMPLATE).root().path("Parameters").path("StaleAccessQuarantineDays");
        Template deployed = Deployments.deployed(TEMPLATE, Deployments.with(enabled(), "StaleAccessQuarantineDays", "14"));

        assertEquals(1, parameter.path("MinValue").asInt());
        assertEquals(90, parameter.path("MaxValue").asInt());
        assertFalse(Stack.refusals(Template.parse(TEMPLATE), Deployments.with(enabled(), "StaleAccessQuarantineDays", "0"))
                .isEmpty(), "a finding never deletes without a quarantine");
        assertEquals("14", deployed.functions().get("StartOffboardingFunction").path("Properties").path("Environment")
                .path("Variables").path("STALE_ACCESS_QUARANTINE_DAYS").asText());
    }
}
