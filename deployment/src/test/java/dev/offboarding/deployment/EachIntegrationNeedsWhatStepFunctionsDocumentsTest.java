package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What a state machine's role needs for each thing its definition does, as the Step Functions developer guide's
 * example policies grant it (IAM policies for nested executions, for Distributed Map states, for Amazon SNS).
 */
class EachIntegrationNeedsWhatStepFunctionsDocumentsTest {
    private static IntegrationPermissions.Needs needs(String definition) throws IOException {
        JsonNode json = TemplateYaml.JSON.readTree(definition);
        return IntegrationPermissions.of(json);
    }

    private static String task(String resource) {
        return "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"" + resource
                + "\", \"End\": true}}}";
    }

    @Test
    void aChildExecutionFollowedToItsEndNeedsTheChildItsExecutionsAndTheManagedRule() throws IOException {
        IntegrationPermissions.Needs sync2 = needs(task("arn:aws:states:::states:startExecution.sync:2"));

        assertEquals(Set.of("states:StartExecution", "states:DescribeExecution", "states:StopExecution",
                "events:PutTargets", "events:PutRule", "events:DescribeRule"), sync2.actions());
        assertEquals(List.of(), sync2.unknown());
        assertEquals(sync2, needs(task("arn:aws:states:::states:startExecution.sync")));
        assertEquals(Set.of("states:StartExecution"), needs(task("arn:aws:states:::states:startExecution")).actions());
    }

    @Test
    void waitingForATaskTokenNeedsOnlyTheCallThatHandsItOut() throws IOException {
        assertEquals(Set.of("sns:Publish"), needs(task("arn:aws:states:::sns:publish.waitForTaskToken")).actions());
    }

    @Test
    void aDistributedMapNeedsItsOwnChildWorkflowsItsItemReaderAndItsResultWriter() throws IOException {
        String map = """
                {"StartAt": "M", "States": {"M": {"Type": "Map",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "k"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b", "Prefix": "p"}},
                  "End": true}}}
                """;

        Set<String> expected = new TreeSet<>(Set.of("states:StartExecution", "states:DescribeExecution",
                "states:StopExecution", "s3:GetObject", "s3:PutObject", "s3:ListMultipartUploadParts",
                "s3:AbortMultipartUpload"));
        assertEquals(expected, needs(map).actions());
        assertEquals(Set.of(), needs(map.replace("DISTRIBUTED", "INLINE").replace("\"ItemReader\"", "\"Reader\"")
                .replace("\"ResultWriter\"", "\"Writer\"")).actions(), "an inline Map runs in the execution itself");
    }

    @Test
    void whatTheCheckDoesNotKnowIsReportedNotGuessed() throws IOException {
        assertEquals(List.of("this check does not know what arn:aws:states:::ecs:runTask.sync needs"),
                needs(task("arn:aws:states:::ecs:runTask.sync")).unknown());
    }
}
