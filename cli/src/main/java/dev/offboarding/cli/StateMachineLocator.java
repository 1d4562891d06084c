package dev.offboarding.cli;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;

/** The state machine to start: the ARN given, or the one named by an output of the deployed stack. */
final class StateMachineLocator {
    private final Supplier<CloudFormationClient> cloudFormation;

    StateMachineLocator(Supplier<CloudFormationClient> cloudFormation) {
        this.cloudFormation = cloudFormation;
    }

    String arn(String givenArn, String stackName, String outputKey) {
        if (givenArn != null) {
            if (!givenArn.matches("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}")) {
                throw new CannotRunException("--state-machine-arn " + givenArn + " is not a state machine ARN"
                        + " (arn:aws:states:<region>:<account>:stateMachine:<name>)");
            }
            return givenArn;
        }
        try (CloudFormationClient cfn = cloudFormation.get()) {
            return cfn.describeStacks(r -> r.stackName(stackName)).stacks().stream()
                    .flatMap(s -> s.outputs().stream())
                    .filter(o -> outputKey.equals(o.outputKey()))
                    .map(Output::outputValue)
                    .findFirst()
                    .orElseThrow(() -> new CannotRunException("stack " + stackName + " has no output " + outputKey
                            + ": is it this product's stack? Pass --stack-name or --state-machine-arn"));
        } catch (CloudFormationException e) {
            throw new CannotRunException("cannot read stack " + stackName + " (" + e.awsErrorDetails().errorMessage()
                    + "): deploy it with sam deploy, or pass --stack-name or --state-machine-arn", e);
        } catch (SdkClientException e) {
            throw Aws.noCredentials(e);
        }
    }
}
