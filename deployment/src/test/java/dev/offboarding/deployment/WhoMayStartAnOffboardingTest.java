package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who can start an offboarding through EventBridge: the required senders parameters refuse everything that means
 * everyone; the stack's own bus lets exactly the senders put events (an explicit Deny for everyone else, since in the
 * bus's own account IAM policies alone would otherwise be enough); the rule is on that bus; start-offboarding is told
 * the home account, the senders' accounts, the accounts an event may name, whether an event may force, and the fleet
 * workflow with the deployment's limits that a fleet event's run keeps.
 */
class WhoMayStartAnOffboardingTest {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);
    private static final String BUS_ARN = "arn:aws:events:" + Stack.REGION + ":" + Stack.ACCOUNT_ID
            + ":event-bus/" + Stack.STACK_NAME;

    /** Values that would let anyone, or any principal of an account that is not listed, send. */
    private static final List<String> EVERYONE = List.of("*", "", "arn:aws:iam::*:role/hr-offboarding-sender",
            "arn:aws:iam::123456789012:role/*", "arn:aws:iam::123456789012:role/hr-*",
            "arn:aws:iam::123456789012:role/hr-offboarding-sende?", "arn:aws:iam::123456789012:root",
            "arn:aws:iam::123456789012:user/hr", "123456789012,*", "o-exampleorg01", "12345678901*",
            Deployments.SENDER_ROLE + ", " + Deployments.SENDER_ACCOUNT);

    /** What the senders parameters would let through: anything here is a way for anyone to start offboardings. */
    static List<String> senderParameterProblems(Template template) {
        List<String> problems = new ArrayList<>();
        for (String parameter : List.of("OffboardingEventSenders", "OffboardingEventSenderAccountIds")) {
            JsonNode spec = template.root().path("Parameters").path(parameter);
            if (spec.isMissingNode()) {
                problems.add("there is no parameter " + parameter);
                continue;
            }
            if (spec.has("Default")) {
                problems.add(parameter + " has a Default (" + spec.get("Default") + "): it must be required");
            }
            for (String everyone : EVERYONE) {
                if (Stack.refusals(template, Deployments.with(Deployments.homeOnly(), parameter, everyone)).isEmpty()) {
                    problems.add(parameter + " accepts \"" + everyone + "\"");
                }
            }
        }
        for (String accepted : List.of(Deployments.SENDER_ROLE, Deployments.SENDER_ACCOUNT,
                "arn:aws:iam::444455556666:role/identity/sync/offboarding-sender",
                Deployments.SENDER_ROLE + "," + Deployments.SENDER_ACCOUNT)) {
            List<String> refusals = Stack.refusals(template,
                    Deployments.with(Deployments.homeOnly(), "OffboardingEventSenders", accepted));
            if (!refusals.isEmpty()) {
                problems.add("OffboardingEventSenders refuses \"" + accepted + "\": " + refusals);
            }
        }
        return problems;
    }

    /** Each principal that may put events on the stack's bus but is not a sender, or is a sender and may not. */
    static List<String> busProblems(Template deployed) {
        JsonNode bus = deployed.root().path("Resources").path("OffboardingEventBus");
        if (!"AWS::Events::EventBus".equals(bus.path("Type").asText())) {
            return List.of("the stack creates no event bus of its own");
        }
        Policy policy = Policy.of(bus.path("Properties").path("Policy"));
        // Every principal here is allowed events:PutEvents by its own IAM policies (an administrator, say).
        Map<String, Boolean> senders = new LinkedHashMap<>();
        senders.put(Deployments.SENDER_ROLE, true);
        senders.put("arn:aws:iam::" + Deployments.SENDER_ACCOUNT + ":role/any-role-of-that-account", true);
        senders.put("arn:aws:iam::" + Stack.ACCOUNT_ID + ":role/administrator", false);
        senders.put("arn:aws:iam::" + Stack.ACCOUNT_ID + ":role/hr-offboarding-sender-2", false);
        senders.put("arn:aws:iam::210987654321:role/hr-offboarding-sender", false);
        senders.put("arn:aws:iam::" + Deployments.MEMBER_A + ":role/administrator", false);
        List<String> problems = new ArrayList<>();
        senders.forEach((principal, sender) -> {
            boolean may = policy.allowsWithIdentityPolicyAllowing(new Policy.Request(Policy.Principal.role(principal),
                    "events:PutEvents", BUS_ARN, Map.of()), Stack.ACCOUNT_ID);
            if (may != sender) {
                problems.add(principal + (may ? " may put events on the bus, but is no sender"
                        : " is a sender, but may not put events on the bus"));
            }
        });
        return problems;
    }

    @Test
    void theSendersAreRequiredAndNothingThatMeansEveryoneIsAccepted() {
        Template template = Template.parse(TEMPLATE);

        assertEquals(List.of(), senderParameterProblems(template));
        assertFalse(Stack.refusals(template, Map.of()).isEmpty());
    }

    @Test
    void aSendersParameterThatAcceptsAWildcardIsReported() {
        Template broken = Template.parse(TEMPLATE.replaceFirst("(  OffboardingEventSenders:\n    Type: String\n)"
                + "    AllowedPattern: [^\n]*\n", "$1    AllowedPattern: \".+\"\n"));

        List<String> problems = senderParameterProblems(broken);

        assertTrue(problems.contains("OffboardingEventSenders accepts \"*\""), problems.toString());
        assertTrue(problems.contains("OffboardingEventSenders accepts \"arn:aws:iam::123456789012:root\""),
                problems.toString());
    }

    @Test
    void aSendersParameterWithADefaultIsReported() {
        Template broken = Template.parse(TEMPLATE.replace("  OffboardingEventSenderAccountIds:\n    Type: String\n",
                "  OffboardingEventSenderAccountIds:\n    Type: String\n    Default: \"123456789012\"\n"));

        assertEquals(List.of("OffboardingEventSenderAccountIds has a Default (\"123456789012\"): it must be required"),
                senderParameterProblems(broken));
    }

    @Test
    void onlyTheSendersMayPutEventsOnTheStacksBus() {
        assertEquals(List.of(), busProblems(Deployments.deployed(TEMPLATE, Deployments.homeOnly())));
    }

    @Test
    void aBusPolicyWithoutTheExplicitDenyLetsTheHomeAccountsAdministratorsSend() {
        String deny = TEMPLATE.substring(TEMPLATE.indexOf("          - Sid: NobodyElseMayPutEvents\n"),
                TEMPLATE.indexOf("  # ---- dead-letter queue"));
        Template broken = Deployments.deployed(TEMPLATE.replace(deny, "\n"), Deployments.homeOnly());

        assertEquals(List.of("arn:aws:iam::123456789012:role/administrator may put events on the bus, but is no sender",
                "arn:aws:iam::123456789012:role/hr-offboarding-sender-2 may put events on the bus, but is no sender"),
                busProblems(broken));
    }

    @Test
    void aBusPolicyThatAllowsEveryoneIsReported() {
        String statements = TEMPLATE.substring(TEMPLATE.indexOf("          - Sid: TheOffboardingEventSendersMayPutEvents\n"),
                TEMPLATE.indexOf("  # ---- dead-letter queue"));
        Template broken = Deployments.deployed(TEMPLATE.replace(statements, """
                          - Effect: Allow
                            Principal: "*"
                            Action: events:PutEvents
                            Resource: "*"

                """), Deployments.homeOnly());

        assertEquals(List.of("arn:aws:iam::123456789012:role/administrator may put events on the bus, but is no sender",
                "arn:aws:iam::123456789012:role/hr-offboarding-sender-2 may put events on the bus, but is no sender",
                "arn:aws:iam::210987654321:role/hr-offboarding-sender may put events on the bus, but is no sender",
                "arn:aws:iam::111111111111:role/administrator may put events on the bus, but is no sender"),
                busProblems(broken));
    }

    /** The rule must listen on the stack's own bus, or on the existing bus the deployment names. */
    static List<String> ruleBusProblems(Template deployed, String existingBus) {
        JsonNode bus = deployed.functions().get("StartOffboardingFunction").path("Properties").path("Events")
                .path("OffboardingEvent").path("Properties").path("EventBusName");
        JsonNode expected = existingBus.isEmpty() ? TemplateYaml.JSON.createObjectNode().put("Ref", "OffboardingEventBus")
                : TemplateYaml.JSON.getNodeFactory().textNode(existingBus);
        return bus.equals(expected) ? List.of() : List.of("the rule listens on " + bus + ", not on " + expected);
    }

    @Test
    void withoutAnExistingBusTheRuleListensOnTheStacksBus() {
        Template deployed = Deployments.deployed(TEMPLATE, Deployments.homeOnly());

        assertEquals(List.of(), ruleBusProblems(deployed, ""));
        assertEquals("OffboardingEventBus", deployed.root().path("Outputs").path("OffboardingEventBusName")
                .path("Value").path("Ref").asText());
    }

    @Test
    void withAnExistingBusTheRuleListensThereAndTheStackCreatesNoBusAndChangesNoPolicy() {
        Template deployed = Deployments.deployed(TEMPLATE,
                Deployments.with(Deployments.homeOnly(), "ExistingEventBusName", "hr-events"));

        assertEquals(List.of(), ruleBusProblems(deployed, "hr-events"));
        assertEquals(Map.of(), deployed.resources("AWS::Events::EventBus"));
        assertEquals(Map.of(), deployed.resources("AWS::Events::EventBusPolicy"));
        assertEquals("hr-events", deployed.root().path("Outputs").path("OffboardingEventBusName").path("Value")
                .asText());
        assertEquals(List.of("the stack creates no event bus of its own"), busProblems(deployed));
    }

    @Test
    void aRuleOnTheDefaultBusIsReported() {
        Template broken = Deployments.deployed(TEMPLATE.replace(
                "EventBusName: !If [CreateEventBus, !Ref OffboardingEventBus, !Ref ExistingEventBusName]",
                "EventBusName: default"), Deployments.homeOnly());

        assertEquals(List.of("the rule listens on \"default\", not on {\"Ref\":\"OffboardingEventBus\"}"),
                ruleBusProblems(broken, ""));
    }

    static Map<String, String> startOffboardingEnvironment(Template deployed) {
        Map<String, String> environment = new LinkedHashMap<>();
        deployed.functions().get("StartOffboardingFunction").path("Properties").path("Environment").path("Variables")
                .fields().forEachRemaining(v -> environment.put(v.getKey(),
                        v.getValue().isTextual() ? v.getValue().asText() : v.getValue().toString()));
        return environment;
    }

    /**
     * start-offboarding's environment in each way of deploying: the home account, the senders' accounts, whether
     * an event may force (not unless the deployment says so), and the accounts an event may name: those the
     * functions may act in (the listed ones; "*" for the organization's, whose membership IAM checks; none).
     */
    static List<String> startOffboardingEnvironmentProblems(String template) {
        Map<String, String> common = Map.ofEntries(Map.entry("STATE_MACHINE_ARN", "{\"Ref\":\"OffboardUserStateMachine\"}"),
                Map.entry("HOME_ACCOUNT_ID", Stack.ACCOUNT_ID), Map.entry("ALLOW_FORCE_FROM_EVENTS", "false"),
                Map.entry("EVENT_SENDER_ACCOUNT_IDS", Stack.ACCOUNT_ID + "," + Deployments.SENDER_ACCOUNT),
                Map.entry("DEFAULT_QUARANTINE_DAYS", "0"), Map.entry("STALE_ACCESS_QUARANTINE_DAYS", "30"),
                // a fleet event's run: the deployment's limits and approval timeout (template defaults)
                Map.entry("FLEET_STATE_MACHINE_ARN", "{\"Ref\":\"OffboardFleetStateMachine\"}"),
                Map.entry("MAX_USERS_PER_RUN", "25"), Map.entry("MAX_SHARE_OF_ACCOUNT", "10"),
                Map.entry("MAX_CONCURRENCY_PER_ACCOUNT", "10"), Map.entry("APPROVAL_TIMEOUT_SECONDS", "86400"));
        Map<String, Map.Entry<Map<String, String>, String>> deployments = new LinkedHashMap<>();
        deployments.put("home only", Map.entry(Deployments.homeOnly(), ""));
        deployments.put("member accounts", Map.entry(Deployments.memberAccounts(), "111111111111,222222222222"));
        deployments.put("organization", Map.entry(Deployments.organization(), "*"));
        deployments.put("member accounts of the organization",
                Map.entry(Deployments.memberAccountsOfTheOrganization(), "111111111111,222222222222"));
        deployments.put("force allowed", Map.entry(
                Deployments.with(Deployments.homeOnly(), "AllowForceFromEvents", "true"), ""));
        List<String> problems = new ArrayList<>();
        deployments.forEach((name, deployment) -> {
            Map<String, String> expected = new LinkedHashMap<>(common);
            expected.put("EVENT_ACCOUNT_IDS", deployment.getValue());
            if ("true".equals(deployment.getKey().get("AllowForceFromEvents"))) {
                expected.put("ALLOW_FORCE_FROM_EVENTS", "true");
            }
            Map<String, String> actual = startOffboardingEnvironment(Deployments.deployed(template, deployment.getKey()));
            expected.forEach((variable, value) -> {
                if (!value.equals(actual.get(variable))) {
                    problems.add(name + ": " + variable + " is " + (actual.containsKey(variable)
                            ? "\"" + actual.get(variable) + "\"" : "not set") + ", not \"" + value + "\"");
                }
            });
            actual.keySet().stream().filter(v -> !expected.containsKey(v))
                    .forEach(v -> problems.add(name + ": " + v + " is set, and means nothing to start-offboarding"));
        });
        return problems;
    }

    @Test
    void startOffboardingIsToldWhatAnEventMayAsk() {
        assertEquals(List.of(), startOffboardingEnvironmentProblems(TEMPLATE));
        assertEquals(List.of("AllowForceFromEvents refuses \"yes\" (AllowedValues [true, false])"), Stack.refusals(
                Template.parse(TEMPLATE), Deployments.with(Deployments.homeOnly(), "AllowForceFromEvents", "yes")));
    }

    @Test
    void aDeploymentThatLetsEventsForceByDefaultIsReported() {
        String broken = TEMPLATE.replace("    Default: \"false\"\n    AllowedValues: [\"true\", \"false\"]\n",
                "    Default: \"true\"\n    AllowedValues: [\"true\", \"false\"]\n");

        assertEquals(List.of("home only: ALLOW_FORCE_FROM_EVENTS is \"true\", not \"false\"",
                "member accounts: ALLOW_FORCE_FROM_EVENTS is \"true\", not \"false\"",
                "organization: ALLOW_FORCE_FROM_EVENTS is \"true\", not \"false\"",
                "member accounts of the organization: ALLOW_FORCE_FROM_EVENTS is \"true\", not \"false\""),
                startOffboardingEnvironmentProblems(broken));
    }

    @Test
    void aDeploymentThatLetsEventsNameAnyAccountIsReported() {
        String broken = TEMPLATE.replace("- !If [HasOrganizationId, \"*\", \"\"]", "- \"*\"");

        assertEquals(List.of("home only: EVENT_ACCOUNT_IDS is \"*\", not \"\"",
                "force allowed: EVENT_ACCOUNT_IDS is \"*\", not \"\""), startOffboardingEnvironmentProblems(broken));
    }
}
