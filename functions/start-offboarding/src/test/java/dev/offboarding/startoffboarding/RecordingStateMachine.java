package dev.offboarding.startoffboarding;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/** A state machine that, like Step Functions, refuses a second execution under a name it has already used. */
class RecordingStateMachine implements SfnClient {
    final Map<String, String> inputByName = new LinkedHashMap<>();
    int startCalls;

    @Override
    public StartExecutionResponse startExecution(StartExecutionRequest request) {
        startCalls++;
        if (inputByName.containsKey(request.name())) {
            throw (ExecutionAlreadyExistsException) ExecutionAlreadyExistsException.builder()
                    .message("Execution Already Exists: '" + request.name() + "'")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ExecutionAlreadyExists").build())
                    .statusCode(400).build();
        }
        inputByName.put(request.name(), request.input());
        return StartExecutionResponse.builder()
                .executionArn(request.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + request.name())
                .build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
