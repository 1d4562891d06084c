package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import dev.offboarding.validation.OffboardingRequest;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * offboard approve and offboard reject: the decision on a fleet execution waiting in its approval step. The task
 * token comes from the execution's history (the approval step's parameters) and goes only to Step Functions: it is
 * never printed, because whoever holds it decides.
 */
abstract class DecisionCommand implements Callable<Integer> {
    private static final Pattern EXECUTION_ARN = Pattern.compile(
            "arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:execution:[A-Za-z0-9_-]{1,80}:[^\\s:]{1,80}");
    /** Step Functions' execution names: 1 to 80 characters, no white space, brackets, wildcards or "#%\^|~`$&,;:/. */
    private static final Pattern EXECUTION_NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN",
            description = "The fleet execution that waits for a decision: its ARN, or its name (in the state machine"
                    + " of --stack-name or --state-machine-arn), as 'fleet start' and the approval message print it.")
    String run;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the fleet report's approval).")
    String reason;

    @Option(names = "--state-machine-arn", paramLabel = "ARN",
            description = "The OffboardFleet state machine: RUN must be one of its executions.")
    String stateMachineArn;

    @Option(names = "--stack-name", paramLabel = "STACK",
            description = "Read the OffboardFleet state machine from this stack's output "
                    + FleetCommand.STATE_MACHINE_OUTPUT + " (default for a RUN given by name: "
                    + StartCommand.DEFAULT_STACK + ").")
    String stackName;

    private final Supplier<SfnClient> sfnClients;
    private final Supplier<StsClient> stsClients;
    private final Supplier<CloudFormationClient> cloudFormationClients;
    private final Clock clock;

    DecisionCommand(Supplier<SfnClient> sfn, Supplier<StsClient> sts, Supplier<CloudFormationClient> cloudFormation,
                    Clock clock) {
        this.sfnClients = sfn;
        this.stsClients = sts;
        this.cloudFormationClients = cloudFormation;
        this.clock = clock;
    }

    /** Whether this command approves (or rejects). */
    abstract boolean approves();

    @Override
    public Integer call() {
        checkArguments();
        PrintWriter out = spec.commandLine().getOut();
        boolean byArn = run.startsWith("arn:");
        String machine = byArn && stateMachineArn == null && stackName == null ? null
                : new StateMachineLocator(cloudFormationClients).arn(stateMachineArn,
                        stackName == null ? StartCommand.DEFAULT_STACK : stackName, FleetCommand.STATE_MACHINE_OUTPUT);
        String executionArn = byArn ? run : StartCommand.executionArn(machine, run);
        try (SfnClient sfn = sfnClients.get()) {
            DescribeExecutionResponse execution = describe(sfn, executionArn, machine);
            FleetHistory.PendingApproval pending = FleetHistory.pendingApproval(sfn, executionArn);
            if (approves() && pending.limitOutput() == null) {
                throw new CannotRunException("the plan of " + executionArn + " (the output of its state "
                        + ApprovalEvents.LIMIT_STATE + ") was not found in its history: nothing was approved unseen."
                        + " Read the plan in the record store, then approve in the Step Functions console, or reject");
            }
            summary(execution, pending).forEach(out::println);
            String caller = callerArn();
            String at = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
            send(sfn, pending.token(), caller, at, executionArn);
            out.println((approves() ? "Approved" : "Rejected") + " as " + caller + " at " + at + ": "
                    + (approves() ? "the run goes on and offboards the users its plan would offboard."
                            : "the run ends as REJECTED; nobody is offboarded."));
            out.flush();
            return ExitCode.SUCCEEDED;
        } catch (SdkClientException e) {
            throw Aws.noCredentials(e);
        }
    }

    private void checkArguments() {
        List<String> problems = new ArrayList<>();
        if (run.startsWith("arn:") ? !EXECUTION_ARN.matcher(run).matches() : !EXECUTION_NAME.matcher(run).matches()) {
            problems.add("RUN " + run + " is neither an execution ARN (arn:aws:states:<region>:<account>:execution:"
                    + "<state machine>:<name>) nor an execution name (1 to 80 characters, no space or any of"
                    + " <>{}[]?*\"#%\\^|~`$&,;:/)");
        }
        OffboardingRequest.textProblem("--reason", reason).ifPresent(problems::add);
        if (stateMachineArn != null && stackName != null) {
            problems.add("--state-machine-arn and --stack-name both name the state machine: give one");
        }
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("; ", problems));
        }
    }

    /** The execution, which must be running and (when the state machine is known) of the fleet state machine. */
    private static DescribeExecutionResponse describe(SfnClient sfn, String executionArn, String machine) {
        DescribeExecutionResponse execution;
        try {
            execution = sfn.describeExecution(r -> r.executionArn(executionArn));
        } catch (ExecutionDoesNotExistException e) {
            throw new NotAwaitingDecisionException("there is no execution " + executionArn + ": check RUN (and"
                    + " --stack-name, or the region, AWS_REGION). Nothing was sent.");
        } catch (InvalidArnException e) {
            throw new UsageException("RUN: Step Functions refused " + executionArn + " as an execution ARN");
        } catch (SfnException e) {
            throw new CannotRunException("cannot describe execution " + executionArn + ": Step Functions answered "
                    + e.awsErrorDetails().errorCode() + " (" + e.awsErrorDetails().errorMessage() + ")", e);
        }
        if (machine != null && !machine.equals(execution.stateMachineArn())) {
            throw new NotAwaitingDecisionException(executionArn + " is an execution of " + execution.stateMachineArn()
                    + ", not of the OffboardFleet state machine " + machine + ". Nothing was sent.");
        }
        if (execution.status() != ExecutionStatus.RUNNING) {
            throw new NotAwaitingDecisionException("execution " + executionArn + " has ended ("
                    + execution.statusAsString() + (execution.stopDate() == null ? "" : " at " + execution.stopDate())
                    + "): there is nothing to decide. Nothing was sent.");
        }
        return execution;
    }

    /** What is being decided, so that the person sees it: the run, since when it waits, the plan's numbers. */
    private static List<String> summary(DescribeExecutionResponse execution, FleetHistory.PendingApproval pending) {
        List<String> lines = new ArrayList<>();
        JsonNode state = pending.limitOutput();
        String run = state == null ? "?" : state.path("fleet").path("run").asText("?");
        Instant deadline = FleetProgress.deadline(pending.waitingSince(), pending.timeoutSeconds());
        lines.add("Fleet run " + run + " (execution " + execution.name() + ") waits for a decision since "
                + pending.waitingSince() + (deadline == null ? "" : ", until " + deadline
                        + " (then it ends as rejected)") + ".");
        JsonNode plan = pending.plan();
        if (plan.isObject()) {
            lines.add("Plan: " + FleetReport.planNumbers(plan) + ".");
            if (plan.path("planKey").isTextual()) {
                lines.add("Plan file: " + plan.path("planKey").asText() + " (in the record store)");
            }
            JsonNode message = plan.path("approvalRequest").path("message");
            if (message.isTextual()) {
                lines.add("Approval request:");
                message.asText().lines().forEach(line -> lines.add("  " + line));
            }
        }
        return lines;
    }

    private String callerArn() {
        try (StsClient sts = stsClients.get()) {
            return sts.getCallerIdentity().arn();
        } catch (StsException e) {
            throw new CannotRunException("cannot tell who decides: STS GetCallerIdentity answered "
                    + e.awsErrorDetails().errorCode() + ". Nothing was sent.", e);
        }
    }

    private void send(SfnClient sfn, String token, String caller, String at, String executionArn) {
        String action = approves() ? "SendTaskSuccess" : "SendTaskFailure";
        try {
            if (approves()) {
                ObjectNode output = Json.mapper().createObjectNode().put("decision", "APPROVED").put("by", caller)
                        .put("at", at);
                if (reason != null) {
                    output.put("reason", reason);
                }
                sfn.sendTaskSuccess(r -> r.taskToken(token).output(output.toString()));
            } else {
                ObjectNode cause = Json.mapper().createObjectNode().put("by", caller).put("at", at);
                if (reason != null) {
                    cause.put("reason", reason);
                }
                sfn.sendTaskFailure(r -> r.taskToken(token).error(ApprovalEvents.REJECTED).cause(cause.toString()));
            }
        } catch (TaskTimedOutException e) {
            throw new NotAwaitingDecisionException("Step Functions answered TaskTimedOut: the approval step of "
                    + executionArn + " no longer waits (its time ran out, or it was decided a moment ago). Nothing"
                    + " was decided by this command.");
        } catch (TaskDoesNotExistException e) {
            throw new NotAwaitingDecisionException("Step Functions answered TaskDoesNotExist: the approval step of "
                    + executionArn + " is gone (the execution ended or was decided a moment ago). Nothing was"
                    + " decided by this command.");
        } catch (InvalidTokenException e) {
            throw new NotAwaitingDecisionException("Step Functions answered InvalidToken: the token in the history of "
                    + executionArn + " was refused. Nothing was decided: decide in the Step Functions console.");
        } catch (SfnException e) {
            // Whatever else Step Functions says is repeated without the token, in case it quotes it.
            String message = String.valueOf(e.awsErrorDetails().errorMessage()).replace(token, "<task token>");
            throw new CannotRunException(action + " was refused: Step Functions answered "
                    + e.awsErrorDetails().errorCode() + " (" + message + "). Nothing was decided.", e);
        }
    }
}
