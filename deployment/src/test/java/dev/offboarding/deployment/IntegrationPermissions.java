package dev.offboarding.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The IAM actions a state machine's role needs for what its definition does, as AWS's Step Functions developer guide
 * documents them ("IAM policies for integrated services", "IAM policies for using Distributed Map states"):
 * <ul>
 * <li>a Task's service integration: {@code arn:aws:states:::events:putEvents} is events:PutEvents,
 * {@code arn:aws:states:::aws-sdk:s3:putObject} s3:PutObject; {@code .waitForTaskToken} adds nothing (the token comes
 * back through the caller's SendTaskSuccess or SendTaskFailure);</li>
 * <li>{@code states:startExecution.sync} and {@code .sync:2}: states:StartExecution of the child, states:DescribeExecution
 * and states:StopExecution of its executions, and events:PutTargets, events:PutRule and events:DescribeRule of the
 * managed rule StepFunctionsGetEventsForStepFunctionsExecutionRule that follows the child to its end;</li>
 * <li>a Map in DISTRIBUTED mode: its child workflows are executions of the state machine itself, so
 * states:StartExecution of it, states:DescribeExecution and states:StopExecution of its executions;</li>
 * <li>a Distributed Map's {@code ItemReader} of {@code arn:aws:states:::s3:getObject}: s3:GetObject; its
 * {@code ResultWriter} of {@code arn:aws:states:::s3:putObject}: s3:PutObject, s3:ListMultipartUploadParts and
 * s3:AbortMultipartUpload (the results are written as multipart uploads).</li>
 * </ul>
 * Lambda functions are invoked through {@code lambda:invoke}, left to {@link LeastPrivilege#stateMachineProblems}.
 * What this does not know is reported, not guessed.
 */
final class IntegrationPermissions {
    static final String INTEGRATION = "arn:aws:states:::";
    static final Set<String> SYNC_START_EXECUTION = Set.of("states:StartExecution", "states:DescribeExecution",
            "states:StopExecution", "events:PutTargets", "events:PutRule", "events:DescribeRule");
    static final Set<String> DISTRIBUTED_MAP = Set.of("states:StartExecution", "states:DescribeExecution",
            "states:StopExecution");
    static final Set<String> ITEM_READER_GET_OBJECT = Set.of("s3:GetObject");
    static final Set<String> RESULT_WRITER_PUT_OBJECT = Set.of("s3:PutObject", "s3:ListMultipartUploadParts",
            "s3:AbortMultipartUpload");
    private static final String WAIT_FOR_TASK_TOKEN = ".waitForTaskToken";
    private static final List<String> SYNC = List.of(".sync:2", ".sync");

    /** The actions the definition needs, and what it does that this does not know ({@code unknown}). */
    record Needs(Set<String> actions, List<String> unknown) {
    }

    private IntegrationPermissions() {
    }

    static Needs of(JsonNode definition) {
        Needs needs = new Needs(new TreeSet<>(), new java.util.ArrayList<>());
        walk(definition, needs);
        return needs;
    }

    private static void walk(JsonNode node, Needs needs) {
        if (node.isObject()) {
            String type = node.path("Type").asText();
            if ("Task".equals(type) && node.path("Resource").isTextual()) {
                task(node.get("Resource").asText(), needs);
            }
            if ("Map".equals(type) && isDistributed(node)) {
                needs.actions().addAll(DISTRIBUTED_MAP);
                reader(node.path("ItemReader"), needs);
                writer(node.path("ResultWriter"), needs);
            }
        }
        node.forEach(child -> walk(child, needs));
    }

    private static boolean isDistributed(JsonNode map) {
        JsonNode processor = map.has("ItemProcessor") ? map.get("ItemProcessor") : map.path("Iterator");
        return "DISTRIBUTED".equals(processor.path("ProcessorConfig").path("Mode").asText());
    }

    private static void task(String resource, Needs needs) {
        if (!resource.startsWith(INTEGRATION)) {
            return;
        }
        String integration = resource.substring(INTEGRATION.length());
        if (integration.startsWith("lambda:")) {
            return;
        }
        if (integration.endsWith(WAIT_FOR_TASK_TOKEN)) {
            integration = integration.substring(0, integration.length() - WAIT_FOR_TASK_TOKEN.length());
        }
        for (String sync : SYNC) {
            if (integration.endsWith(sync)) {
                if (integration.equals("states:startExecution" + sync)) {
                    needs.actions().addAll(SYNC_START_EXECUTION);
                } else {
                    needs.unknown().add("this check does not know what " + resource + " needs");
                }
                return;
            }
        }
        String action = action(integration);
        if (action == null) {
            needs.unknown().add("this check does not know what " + resource + " needs");
        } else {
            needs.actions().add(action);
        }
    }

    private static void reader(JsonNode reader, Needs needs) {
        if (reader.isMissingNode()) {
            return;
        }
        if ((INTEGRATION + "s3:getObject").equals(reader.path("Resource").asText())) {
            needs.actions().addAll(ITEM_READER_GET_OBJECT);
        } else {
            needs.unknown().add("this check does not know what the ItemReader " + reader.path("Resource").asText()
                    + " needs");
        }
    }

    private static void writer(JsonNode writer, Needs needs) {
        if (writer.isMissingNode()) {
            return;
        }
        if ((INTEGRATION + "s3:putObject").equals(writer.path("Resource").asText())) {
            needs.actions().addAll(RESULT_WRITER_PUT_OBJECT);
        } else {
            needs.unknown().add("this check does not know what the ResultWriter " + writer.path("Resource").asText()
                    + " needs");
        }
    }

    /** {@code events:putEvents} is events:PutEvents, {@code aws-sdk:s3:putObject} s3:PutObject; null if neither. */
    private static String action(String integration) {
        String[] parts = integration.split(":");
        boolean sdk = parts[0].equals("aws-sdk") && parts.length == 3;
        String service = sdk ? parts[1] : parts[0];
        String api = sdk ? parts[2] : parts.length == 2 ? parts[1] : "";
        if (api.isEmpty() || api.contains(".")) {
            return null;
        }
        return service + ":" + Character.toUpperCase(api.charAt(0)) + api.substring(1);
    }
}
