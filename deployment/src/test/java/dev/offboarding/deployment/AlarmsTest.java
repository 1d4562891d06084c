package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Nothing fails unseen: each state machine has an alarm on its failed, timed-out and aborted executions (AWS/States,
 * dimension StateMachineArn), each dead-letter queue one on a message waiting in it (AWS/SQS
 * ApproximateNumberOfMessagesVisible, dimension QueueName), each firing at the first occurrence within 5 minutes and
 * quiet without data, and every alarm notifies the alarm topic, which is not encrypted with the AWS managed key
 * (CloudWatch cannot publish to a topic under alias/aws/sns). The dead-letter queues are found from the template:
 * the functions' on-failure destinations and their event sources' dead-letter queues.
 */
class AlarmsTest {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);
    private static final List<String> EXECUTION_METRICS = List.of("ExecutionsFailed", "ExecutionsTimedOut",
            "ExecutionsAborted");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The queues that receive what a function or an event source gave up on, by logical id. */
    static Set<String> deadLetterQueues(Template deployed) {
        Set<String> queues = new TreeSet<>();
        for (JsonNode function : deployed.functions().values()) {
            JsonNode onFailure = function.path("Properties").path("EventInvokeConfig").path("DestinationConfig")
                    .path("OnFailure");
            if ("SQS".equals(onFailure.path("Type").asText())) {
                queues.add(onFailure.path("Destination").path("Fn::GetAtt").path(0).asText());
            }
            for (JsonNode event : function.path("Properties").path("Events")) {
                JsonNode deadLetters = event.path("Properties").path("DeadLetterConfig");
                if (deadLetters.has("QueueLogicalId")) {
                    queues.add(deadLetters.path("QueueLogicalId").asText());
                } else if (deadLetters.has("Arn")) {
                    queues.add(deadLetters.path("Arn").path("Fn::GetAtt").path(0).asText());
                }
            }
        }
        for (JsonNode rule : deployed.resources("AWS::Events::Rule").values()) {
            for (JsonNode target : rule.path("Properties").path("Targets")) {
                queues.add(target.path("DeadLetterConfig").path("Arn").path("Fn::GetAtt").path(0).asText());
            }
        }
        queues.remove("");
        return queues;
    }

    /** Each missing or wrong alarm, and each alarm that does not notify the topic. */
    static List<String> alarmProblems(Template deployed) {
        List<String> problems = new ArrayList<>();
        JsonNode topic = deployed.root().path("Resources").path("AlarmTopic");
        if (!"AWS::SNS::Topic".equals(topic.path("Type").asText())) {
            return List.of("there is no AlarmTopic (AWS::SNS::Topic)");
        }
        String key = topic.path("Properties").path("KmsMasterKeyId").asText();
        if (key.equals("alias/aws/sns") || key.endsWith(":alias/aws/sns")) {
            problems.add("AlarmTopic is encrypted with the AWS managed key alias/aws/sns, which CloudWatch alarms"
                    + " cannot use: no alarm would be delivered");
        }
        Map<String, JsonNode> alarms = deployed.resources("AWS::CloudWatch::Alarm");
        for (String machine : deployed.stateMachines().keySet()) {
            for (String metric : EXECUTION_METRICS) {
                problems.addAll(expect(alarms, machine + " " + metric, "AWS/States", metric, "StateMachineArn",
                        NODES.objectNode().put("Ref", machine), "Sum"));
            }
        }
        for (String queue : deadLetterQueues(deployed)) {
            JsonNode name = NODES.objectNode().set("Fn::GetAtt", NODES.arrayNode().add(queue).add("QueueName"));
            problems.addAll(expect(alarms, queue + " ApproximateNumberOfMessagesVisible", "AWS/SQS",
                    "ApproximateNumberOfMessagesVisible", "QueueName", name, "Maximum"));
        }
        JsonNode toTheTopic = NODES.arrayNode().add(NODES.objectNode().put("Ref", "AlarmTopic"));
        alarms.forEach((id, alarm) -> {
            JsonNode properties = alarm.path("Properties");
            if (!toTheTopic.equals(properties.path("AlarmActions"))
                    || "false".equals(properties.path("ActionsEnabled").asText())) {
                problems.add(id + " notifies " + properties.path("AlarmActions") + ", not only AlarmTopic");
            }
        });
        return problems;
    }

    /** The alarms on one metric of one resource: at least one, each firing on the first datum, quiet without data. */
    private static List<String> expect(Map<String, JsonNode> alarms, String what, String namespace, String metric,
                                       String dimension, JsonNode resource, String statistic) {
        JsonNode dimensions = NODES.arrayNode().add(NODES.objectNode().put("Name", dimension).set("Value", resource));
        List<String> problems = new ArrayList<>();
        int found = 0;
        for (Map.Entry<String, JsonNode> alarm : alarms.entrySet()) {
            JsonNode p = alarm.getValue().path("Properties");
            if (!namespace.equals(p.path("Namespace").asText()) || !metric.equals(p.path("MetricName").asText())
                    || !dimensions.equals(p.path("Dimensions"))) {
                continue;
            }
            found++;
            boolean firesOnTheFirst = statistic.equals(p.path("Statistic").asText())
                    && p.path("Period").asInt() == 300 && p.path("EvaluationPeriods").asInt() == 1
                    && p.path("Threshold").asDouble() == 1
                    && "GreaterThanOrEqualToThreshold".equals(p.path("ComparisonOperator").asText());
            if (!firesOnTheFirst) {
                problems.add(alarm.getKey() + " (" + what + ") does not fire on the first one within 5 minutes ("
                        + statistic + " >= 1 over 300 s, one period)");
            }
            if (!"notBreaching".equals(p.path("TreatMissingData").asText())) {
                problems.add(alarm.getKey() + " (" + what + ") does not treat missing data as not breaching");
            }
        }
        if (found == 0) {
            problems.add("no alarm on " + what);
        }
        return problems;
    }

    @Test
    void everyStateMachineAndDeadLetterQueueHasItsAlarmsAllToTheTopic() {
        Template deployed = Deployments.deployed(TEMPLATE, Deployments.homeOnly());

        assertEquals(Set.of("RejectedEventsQueue", "UndeliveredEventsQueue"), deadLetterQueues(deployed));
        assertEquals(List.of(), alarmProblems(deployed));
        // Three per state machine (OffboardUser, WaitForRole, ReinstateUser, OffboardFleet), one per dead-letter queue.
        assertEquals(4 * EXECUTION_METRICS.size() + 2, deployed.resources("AWS::CloudWatch::Alarm").size());
    }

    @Test
    void theStaleAccessTriggersDeadLetterQueueHasItsAlarmToo() {
        Template deployed = Deployments.deployed(TEMPLATE, Deployments.with(Deployments.homeOnly(),
                "StaleAccessTrigger", "Enabled"));

        assertEquals(Set.of("RejectedEventsQueue", "UndeliveredEventsQueue", "UndeliveredFindingsQueue"),
                deadLetterQueues(deployed));
        assertEquals(List.of(), alarmProblems(deployed));
    }

    @Test
    void theStaleAccessTriggersDeadLetterQueueWithoutItsAlarmIsReported() {
        String alarm = TEMPLATE.substring(TEMPLATE.indexOf("  UndeliveredFindingsAlarm:\n"),
                TEMPLATE.indexOf("Outputs:\n"));

        assertEquals(List.of("no alarm on UndeliveredFindingsQueue ApproximateNumberOfMessagesVisible"),
                alarmProblems(Deployments.deployed(TEMPLATE.replace(alarm, ""), Deployments.with(Deployments.homeOnly(),
                        "StaleAccessTrigger", "Enabled"))));
    }

    @Test
    void aStateMachineWithoutItsAbortedAlarmIsReported() {
        String alarm = TEMPLATE.substring(TEMPLATE.indexOf("  WaitForRoleExecutionsAbortedAlarm:\n"),
                TEMPLATE.indexOf("  RejectedEventsAlarm:\n"));

        assertEquals(List.of("no alarm on WaitForRoleStateMachine ExecutionsAborted"),
                alarmProblems(Deployments.deployed(TEMPLATE.replace(alarm, ""), Deployments.homeOnly())));
    }

    @Test
    void aQueueAlarmOnTheWrongQueueIsReported() {
        Template broken = Deployments.deployed(TEMPLATE.replace("Value: !GetAtt UndeliveredEventsQueue.QueueName",
                "Value: !GetAtt RejectedEventsQueue.QueueName"), Deployments.homeOnly());

        assertEquals(List.of("no alarm on UndeliveredEventsQueue ApproximateNumberOfMessagesVisible"),
                alarmProblems(broken));
    }

    @Test
    void aDeadLetterQueueAddedWithoutItsAlarmIsReported() {
        String removeTokens = TEMPLATE.substring(TEMPLATE.indexOf("  RemoveTokensFunction:"),
                TEMPLATE.indexOf("  DeleteUserFunction:"));
        Template broken = Deployments.deployed(TEMPLATE.replace(removeTokens, removeTokens.replace("""
                      Policies:
                """, """
                      EventInvokeConfig:
                        DestinationConfig:
                          OnFailure:
                            Type: SQS
                            Destination: !GetAtt RemovalFailuresQueue.Arn
                      Policies:
                """)), Deployments.homeOnly());

        assertEquals(List.of("no alarm on RemovalFailuresQueue ApproximateNumberOfMessagesVisible"),
                alarmProblems(broken));
    }

    @Test
    void anAlarmThatNotifiesNobodyOrWaitsForSeveralFailuresIsReported() {
        String failed = TEMPLATE.substring(TEMPLATE.indexOf("  OffboardUserExecutionsFailedAlarm:\n"),
                TEMPLATE.indexOf("  OffboardUserExecutionsTimedOutAlarm:\n"));
        Template broken = Deployments.deployed(TEMPLATE.replace(failed, failed
                .replace("      AlarmActions:\n        - !Ref AlarmTopic\n", "")
                .replace("      Threshold: 1\n", "      Threshold: 3\n")), Deployments.homeOnly());

        assertEquals(List.of("OffboardUserExecutionsFailedAlarm (OffboardUserStateMachine ExecutionsFailed) does not"
                + " fire on the first one within 5 minutes (Sum >= 1 over 300 s, one period)",
                "OffboardUserExecutionsFailedAlarm notifies , not only AlarmTopic"), alarmProblems(broken));
    }

    @Test
    void anAlarmThatWouldFireWithoutDataIsReported() {
        String timedOut = TEMPLATE.substring(TEMPLATE.indexOf("  OffboardUserExecutionsTimedOutAlarm:\n"),
                TEMPLATE.indexOf("  OffboardUserExecutionsAbortedAlarm:\n"));
        Template broken = Deployments.deployed(TEMPLATE.replace(timedOut, timedOut.replace(
                "TreatMissingData: notBreaching", "TreatMissingData: breaching")), Deployments.homeOnly());

        assertEquals(List.of("OffboardUserExecutionsTimedOutAlarm (OffboardUserStateMachine ExecutionsTimedOut) does"
                + " not treat missing data as not breaching"), alarmProblems(broken));
    }

    @Test
    void aTopicUnderTheAwsManagedKeyIsReported() {
        Template broken = Deployments.deployed(TEMPLATE.replace("      DisplayName: IAM offboarding alarms\n",
                "      DisplayName: IAM offboarding alarms\n      KmsMasterKeyId: alias/aws/sns\n"),
                Deployments.homeOnly());

        assertEquals(List.of("AlarmTopic is encrypted with the AWS managed key alias/aws/sns, which CloudWatch alarms"
                + " cannot use: no alarm would be delivered"), alarmProblems(broken));
    }

    /** The topic's subscriptions deployed without AlarmEmail and with one, against what each should have. */
    static List<String> subscriptionProblems(String template) {
        List<String> problems = new ArrayList<>();
        for (String email : List.of("", "security-ops@example.com")) {
            List<String> found = new ArrayList<>();
            Deployments.deployed(template, Deployments.with(Deployments.homeOnly(), "AlarmEmail", email))
                    .resources("AWS::SNS::Subscription").values().forEach(s -> {
                        JsonNode p = s.path("Properties");
                        found.add(p.path("TopicArn").path("Ref").asText() + " " + p.path("Protocol").asText() + " "
                                + p.path("Endpoint").asText());
                    });
            List<String> expected = email.isEmpty() ? List.of() : List.of("AlarmTopic email " + email);
            if (!found.equals(expected)) {
                problems.add("with AlarmEmail \"" + email + "\" the subscriptions are " + found + ", not " + expected);
            }
        }
        return problems;
    }

    @Test
    void anAlarmEmailSubscribesToTheTopicAndNoneSubscribesNothing() {
        assertEquals(List.of(), subscriptionProblems(TEMPLATE));
        assertTrue(!Stack.refusals(Template.parse(TEMPLATE), Deployments.with(Deployments.homeOnly(), "AlarmEmail",
                "not an address")).isEmpty());
    }

    @Test
    void aSubscriptionWithoutItsConditionIsReported() {
        assertEquals(List.of("with AlarmEmail \"\" the subscriptions are [AlarmTopic email ], not []"),
                subscriptionProblems(TEMPLATE.replace("    Condition: HasAlarmEmail\n", "")));
    }
}
