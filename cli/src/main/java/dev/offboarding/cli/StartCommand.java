package dev.offboarding.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import dev.offboarding.validation.OffboardingRequest;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

@Command(name = "start",
        description = {
            "Starts an offboarding in AWS: an execution of the deployed offboard-user",
            "state machine. The execution is named after the request, so the same",
            "request started twice is one execution: the second start finds the first",
            "(and with --wait follows it).",
            "Every flag is checked before anything is called: a bad value is exit",
            "code 2, naming the flag."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./offboard start --user little_tester --reason \"Left the QA team\" --wait",
            "  ./offboard start --user little_tester --dry-run --wait --json",
            "  ./offboard start --user bob \\",
            "      --state-machine-arn arn:aws:states:eu-west-1:123456789012:stateMachine:OffboardUser"},
        mixinStandardHelpOptions = true)
final class StartCommand implements Callable<Integer> {
    static final String DEFAULT_STACK = "iam-offboarding";
    static final String STATE_MACHINE_OUTPUT = "OffboardUserStateMachineArn";

    @Spec
    CommandSpec spec;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The IAM user to offboard.")
    String user;

    @Option(names = "--dry-run", description = "Only report what would be removed.")
    boolean dryRun;

    @Mixin
    RequestOptions requestOptions = new RequestOptions();

    @Option(names = "--state-machine-arn", paramLabel = "ARN", description = "The offboard-user state machine.")
    String stateMachineArn;

    @Option(names = "--stack-name", paramLabel = "STACK", defaultValue = DEFAULT_STACK,
            description = "Read the state machine from this stack's output " + STATE_MACHINE_OUTPUT
                    + " (default: ${DEFAULT-VALUE}).")
    String stackName;

    @Option(names = "--wait", description = "Follow the execution and exit with its outcome.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600", converter = WholeSeconds.Timeout.class,
            description = "With --wait: give up following after this many seconds (1 to 86400; default:"
                    + " ${DEFAULT-VALUE}); the execution goes on in AWS.")
    long timeoutSeconds;

    @Option(names = "--json", description = "Print only the result as JSON.")
    boolean json;

    private final Supplier<SfnClient> sfnClients;
    private final Supplier<CloudFormationClient> cloudFormationClients;
    private final ExecutionFollower.Sleeper sleeper;

    StartCommand() {
        this(SfnClient::create, CloudFormationClient::create, d -> Thread.sleep(d.toMillis()));
    }

    StartCommand(Supplier<SfnClient> sfn, Supplier<CloudFormationClient> cloudFormation, ExecutionFollower.Sleeper sleeper) {
        this.sfnClients = sfn;
        this.cloudFormationClients = cloudFormation;
        this.sleeper = sleeper;
    }

    @Override
    public Integer call() throws InterruptedException {
        Report report = new Report(spec.commandLine().getOut(), json);
        ObjectNode request = RequestOptions.toJson(requestOptions.applyTo(OffboardingRequest.forUser(user), user,
                dryRun));
        String machine = new StateMachineLocator(cloudFormationClients).arn(stateMachineArn, stackName,
                STATE_MACHINE_OUTPUT);
        String name = ExecutionNames.forRequest(request);
        try (SfnClient sfn = sfnClients.get()) {
            String executionArn = start(sfn, machine, name, request.toString(), report);
            if (!await) {
                if (json) {
                    spec.commandLine().getOut().println(Json.mapper().createObjectNode().put("executionArn", executionArn)
                            .toPrettyString());
                    spec.commandLine().getOut().flush();
                }
                return ExitCode.SUCCEEDED;
            }
            return new ExecutionFollower(sfn, Duration.ofSeconds(2), sleeper)
                    .follow(executionArn, Duration.ofSeconds(timeoutSeconds), report);
        } catch (SdkClientException e) {
            throw Aws.noCredentials(e);
        }
    }

    private static String start(SfnClient sfn, String machine, String name, String input, Report report) {
        try {
            String arn = sfn.startExecution(r -> r.stateMachineArn(machine).name(name).input(input)).executionArn();
            report.line("Started " + arn);
            return arn;
        } catch (ExecutionAlreadyExistsException e) {
            // The same request was started before: that execution is this request's offboarding.
            String arn = executionArn(machine, name);
            report.line("Already started: " + arn);
            return arn;
        } catch (StateMachineDoesNotExistException e) {
            throw new CannotRunException("state machine " + machine + " does not exist: check --state-machine-arn, or"
                    + " the region (AWS_REGION) it was deployed in", e);
        }
    }

    /** arn:aws:states:r:a:stateMachine:M and execution name N give arn:aws:states:r:a:execution:M:N. */
    static String executionArn(String stateMachineArn, String executionName) {
        return stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + executionName;
    }
}
