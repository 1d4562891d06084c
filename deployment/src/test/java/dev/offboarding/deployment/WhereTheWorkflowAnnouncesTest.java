package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The workflow announces each finished offboarding on one bus: its state machine may put events on exactly the bus
 * OffboardingEventBusName names, in the stack's account and region (default: the account's default bus), and not on
 * the bus offboarding requests arrive on, another bus or another account's; the wait-for-role workflow on none. The
 * definition gets the bus and the source from its DefinitionSubstitutions.
 */
class WhereTheWorkflowAnnouncesTest {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);
    private static final String BUSES = "arn:aws:events:" + Stack.REGION + ":" + Stack.ACCOUNT_ID + ":event-bus/";

    /** Each bus a state machine may or may not put events on, against the bus it should announce on. */
    static List<String> busProblems(Template deployed, String announcedOn) {
        List<String> buses = new ArrayList<>(List.of(BUSES + "default", BUSES + Stack.STACK_NAME, BUSES + "audit",
                BUSES + "hr-events", "arn:aws:events:us-east-1:" + Stack.ACCOUNT_ID + ":event-bus/default",
                "arn:aws:events:" + Stack.REGION + ":999999999999:event-bus/default"));
        if (!buses.contains(BUSES + announcedOn)) {
            buses.add(BUSES + announcedOn);
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("OffboardUserStateMachine", BUSES + announcedOn);
        expected.put("WaitForRoleStateMachine", null);
        List<String> problems = new ArrayList<>();
        expected.forEach((machine, itsBus) -> {
            Policy policy = new Policy(deployed.statements(machine));
            for (String bus : buses) {
                boolean may = policy.allows(new Policy.Request(null, "events:PutEvents", bus, Map.of()));
                if (may != bus.equals(itsBus)) {
                    problems.add(machine + (may ? " may" : " may not") + " put events on " + bus);
                }
            }
        });
        return problems;
    }

    @Test
    void byDefaultTheWorkflowAnnouncesOnTheAccountsDefaultBusOnly() {
        Template deployed = Deployments.deployed(TEMPLATE, Deployments.homeOnly());

        assertEquals(List.of(), busProblems(deployed, "default"));
        JsonNode substitutions = deployed.stateMachines().get("OffboardUserStateMachine").path("Properties")
                .path("DefinitionSubstitutions");
        assertEquals("default", substitutions.path("OffboardingEventBusName").asText());
        assertEquals("iam-offboarding", substitutions.path("OffboardingEventSource").asText());
    }

    @Test
    void onTheBusTheDeploymentNamesAndThatOneOnly() {
        Template deployed = Deployments.deployed(TEMPLATE, Deployments.with(Deployments.with(Deployments.homeOnly(),
                "OffboardingEventBusName", "audit"), "OffboardingEventSource", "corp.iam-offboarding"));

        assertEquals(List.of(), busProblems(deployed, "audit"));
        JsonNode substitutions = deployed.stateMachines().get("OffboardUserStateMachine").path("Properties")
                .path("DefinitionSubstitutions");
        assertEquals("audit", substitutions.path("OffboardingEventBusName").asText());
        assertEquals("corp.iam-offboarding", substitutions.path("OffboardingEventSource").asText());
    }

    @Test
    void putEventsOnEveryBusIsReported() {
        Template broken = Deployments.deployed(TEMPLATE.replace(
                ":event-bus/${OffboardingEventBusName}", ":event-bus/*"), Deployments.homeOnly());

        assertEquals(List.of("OffboardUserStateMachine may put events on " + BUSES + Stack.STACK_NAME,
                "OffboardUserStateMachine may put events on " + BUSES + "audit",
                "OffboardUserStateMachine may put events on " + BUSES + "hr-events"), busProblems(broken, "default"));
    }

    @Test
    void aBusOfAnyAccountOrRegionIsReported() {
        Template broken = Deployments.deployed(TEMPLATE.replace(
                "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${OffboardingEventBusName}",
                "arn:${AWS::Partition}:events:*:*:event-bus/${OffboardingEventBusName}"), Deployments.homeOnly());

        assertEquals(List.of("OffboardUserStateMachine may put events on arn:aws:events:us-east-1:123456789012"
                        + ":event-bus/default",
                "OffboardUserStateMachine may put events on arn:aws:events:eu-west-1:999999999999:event-bus/default"),
                busProblems(broken, "default"));
    }

    @Test
    void theBusIsANameNotAnArn() {
        Template template = Template.parse(TEMPLATE);

        assertEquals(List.of("OffboardingEventBusName refuses \"arn:aws:events:eu-west-1:123456789012:event-bus/audit\""
                + " (AllowedPattern)"), Stack.refusals(template, Deployments.with(Deployments.homeOnly(),
                "OffboardingEventBusName", BUSES + "audit")));
        assertEquals(List.of("OffboardingEventBusName refuses \"\" (AllowedPattern)"), Stack.refusals(template,
                Deployments.with(Deployments.homeOnly(), "OffboardingEventBusName", "")));
    }
}
