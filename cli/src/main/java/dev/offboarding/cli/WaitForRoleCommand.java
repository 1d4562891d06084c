package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

@Command(name = "wait-for-role",
        description = {
            "Waits until a role is really usable, with the deployed wait-for-role workflow (started",
            "synchronously), instead of a fixed sleep. Checks: EXISTS always; TRUSTS with",
            "--trusted-principal; ALLOWS_ACTIONS with --action; ASSUMABLE with --assumable."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./offboard wait-for-role --role arn:aws:iam::123456789012:role/provisioned/deployer \\",
            "      --trusted-principal lambda.amazonaws.com --assumable",
            "  ./offboard wait-for-role --role deployer --action s3:GetObject --deadline-seconds 200 --json"},
        mixinStandardHelpOptions = true)
final class WaitForRoleCommand implements Callable<Integer> {
    static final String STATE_MACHINE_OUTPUT = "WaitForRoleStateMachineArn";

    @Spec
    CommandSpec spec;

    @Option(names = "--role", required = true, paramLabel = "ARN|NAME", description = "The role to wait for.")
    String role;

    @Option(names = "--account-id", paramLabel = "ACCOUNT", description = "The role's account, when --role is a name.")
    String accountId;

    @Option(names = "--trusted-principal", paramLabel = "PRINCIPAL",
            description = "Check that the trust policy lets this principal assume the role (a service, account or ARN).")
    String trustedPrincipal;

    @Option(names = "--action", paramLabel = "ACTION",
            description = "Check that the role's policies allow this action (repeatable).")
    List<String> actions = new ArrayList<>();

    @Option(names = "--assumable", description = "Check that the check-role-usable function can assume the role.")
    boolean assumable;

    @Option(names = "--required-successes", paramLabel = "N",
            description = "Consecutive passing checks before the role counts as usable (default 3).")
    Integer requiredSuccesses;

    @Option(names = "--deadline-seconds", paramLabel = "SECONDS",
            description = "Give up after this many seconds (default 120, at most 280).")
    Integer deadlineSeconds;

    @Option(names = "--state-machine-arn", paramLabel = "ARN", description = "The wait-for-role state machine.")
    String stateMachineArn;

    @Option(names = "--stack-name", paramLabel = "STACK", defaultValue = StartCommand.DEFAULT_STACK,
            description = "Read the state machine from this stack's output " + STATE_MACHINE_OUTPUT
                    + " (default: ${DEFAULT-VALUE}).")
    String stackName;

    @Option(names = "--json", description = "Print only the result as JSON.")
    boolean json;

    private final Supplier<SfnClient> sfnClients;
    private final Supplier<CloudFormationClient> cloudFormationClients;

    WaitForRoleCommand() {
        this(SfnClient::create, CloudFormationClient::create);
    }

    WaitForRoleCommand(Supplier<SfnClient> sfn, Supplier<CloudFormationClient> cloudFormation) {
        this.sfnClients = sfn;
        this.cloudFormationClients = cloudFormation;
    }

    @Override
    public Integer call() {
        Report report = new Report(spec.commandLine().getOut(), json);
        String machine = new StateMachineLocator(cloudFormationClients).arn(stateMachineArn, stackName,
                STATE_MACHINE_OUTPUT);
        report.line("Waiting for " + role + " to be usable (" + String.join(", ", checks()) + ") ...");
        try (SfnClient sfn = sfnClients.get()) {
            StartSyncExecutionResponse result = sfn.startSyncExecution(
                    r -> r.stateMachineArn(machine).input(input().toString()));
            boolean succeeded = result.status() == SyncExecutionStatus.SUCCEEDED;
            double seconds = result.startDate() == null || result.stopDate() == null ? 0
                    : Duration.between(result.startDate(), result.stopDate()).toMillis() / 1000.0;
            return report.ended(succeeded, succeeded ? Report.output(result.output()) : null,
                    result.error() != null ? result.error() : "States." + result.statusAsString(), result.cause(),
                    seconds);
        } catch (StateMachineDoesNotExistException e) {
            throw new CannotRunException("state machine " + machine + " does not exist: check --state-machine-arn, or"
                    + " the region (AWS_REGION) it was deployed in", e);
        } catch (SdkClientException e) {
            throw Aws.noCredentials(e);
        }
    }

    List<String> checks() {
        List<String> checks = new ArrayList<>(List.of("EXISTS"));
        if (trustedPrincipal != null) {
            checks.add("TRUSTS");
        }
        if (!actions.isEmpty()) {
            checks.add("ALLOWS_ACTIONS");
        }
        if (assumable) {
            checks.add("ASSUMABLE");
        }
        return checks;
    }

    /** The workflow's input (events/wait-for-role.json); absent options are left for the function's defaults. */
    ObjectNode input() {
        ObjectNode input = Json.mapper().createObjectNode().put("role", role);
        input.set("checks", Json.mapper().valueToTree(checks()));
        if (accountId != null) {
            input.put("accountId", accountId);
        }
        if (trustedPrincipal != null) {
            input.put("trustedPrincipal", trustedPrincipal);
        }
        if (!actions.isEmpty()) {
            input.set("actions", Json.mapper().valueToTree(actions));
        }
        if (requiredSuccesses != null) {
            input.put("requiredSuccesses", requiredSuccesses);
        }
        if (deadlineSeconds != null) {
            input.put("deadlineSeconds", deadlineSeconds);
        }
        return input;
    }
}
