package dev.offboarding.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

@Command(name = "fleet",
        description = {
            "Offboards many users at once, with the deployed OffboardFleet workflow.",
            "It selects users (by name, a list in S3, IAM path, tags, or unused",
            "credentials; the selectors combine with AND) in one or more accounts,",
            "plans each one with a dry run of the offboard-user workflow, refuses a",
            "plan over the blast-radius limits, waits for approval when asked, then",
            "offboards each user with its own offboard-user execution and reports.",
            "'fleet plan' only plans. 'fleet start' plans too, unless --execute."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./offboard fleet plan --path-prefix /contractors/ --unused-for-days 90",
            "  ./offboard fleet start --run stale-2026-12 --unused-for-days 90 \\",
            "      --account 111111111111 --account 222222222222 --require-approval \\",
            "      --reason \"Quarterly clean-up\" --execute",
            "  ./offboard fleet start --request fleet-request.json --execute --json"},
        subcommands = {FleetCommand.Plan.class, FleetCommand.Start.class},
        mixinStandardHelpOptions = true)
final class FleetCommand implements Runnable {
    static final String STATE_MACHINE_OUTPUT = "OffboardFleetStateMachineArn";
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    private final Supplier<SfnClient> sfnClients;
    private final Supplier<CloudFormationClient> cloudFormationClients;
    private final ExecutionFollower.Sleeper sleeper;
    private final Clock clock;

    FleetCommand() {
        this(SfnClient::create, CloudFormationClient::create, d -> Thread.sleep(d.toMillis()), Clock.systemUTC());
    }

    FleetCommand(Supplier<SfnClient> sfn, Supplier<CloudFormationClient> cloudFormation,
                 ExecutionFollower.Sleeper sleeper, Clock clock) {
        this.sfnClients = sfn;
        this.cloudFormationClients = cloudFormation;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the workflow is, how long to follow it and how to print: the options of plan and start. */
    static final class FollowOptions {
        @Option(names = "--state-machine-arn", paramLabel = "ARN", description = "The OffboardFleet state machine.")
        String stateMachineArn;

        @Option(names = "--stack-name", paramLabel = "STACK", defaultValue = StartCommand.DEFAULT_STACK,
                description = "Read the state machine from this stack's output " + STATE_MACHINE_OUTPUT
                        + " (default: ${DEFAULT-VALUE}).")
        String stackName = StartCommand.DEFAULT_STACK;

        @Option(names = "--no-wait", description = "Start the execution and print its ARN, without following it.")
        boolean noWait;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600",
                converter = WholeSeconds.Timeout.class,
                description = "Give up following after this many seconds (1 to 86400; default: ${DEFAULT-VALUE});"
                        + " the execution goes on in AWS.")
        long timeoutSeconds = 3600;

        @Option(names = "--json", description = "Print only the fleet report as JSON (or, when the execution ended"
                + " before it had one, {status, error, cause}).")
        boolean json;
    }

    @Command(name = "plan",
            description = {
                "Plans a fleet run; nothing is changed.",
                "It selects the users and runs a dry run of each, then prints what would",
                "happen to each user (or which guard refuses and why) and whether the plan",
                "is over the limits."},
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./offboard fleet plan --user alice --user bob --account 111111111111",
                "  ./offboard fleet plan --tag team=payments --unused-for-days 45 --json",
                "",
                "Exit codes: 0 planned; 1 the workflow failed (its Error and Cause are",
                "printed, e.g. Offboarding.InvalidRequest, Offboarding.SelectionFailed) or",
                "is still running after --timeout; 2 a bad flag or request file (named),",
                "nothing started; 3 could not run (no credentials, unknown state machine)."},
            mixinStandardHelpOptions = true)
    static final class Plan implements Callable<Integer> {
        @ParentCommand
        FleetCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        FleetRequestOptions request = new FleetRequestOptions();

        @Mixin
        FollowOptions follow = new FollowOptions();

        @Override
        public Integer call() throws InterruptedException {
            return parent.startAndFollow(spec, request.request(true), follow, null);
        }
    }

    @Command(name = "start",
            description = {
                "Starts a fleet run (without --execute: a plan, as 'fleet plan').",
                "With --execute the users the plan would offboard are offboarded, each by",
                "its own offboard-user execution, unless the plan is over the limits",
                "(--max-users, --max-share). With --require-approval the run waits, after",
                "the plan, for 'offboard approve' or 'offboard reject'.",
                "Give --run for a run that can be started again safely: a second start",
                "of the same run offboards nobody twice."},
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./offboard fleet start --run leavers-2026-12 \\",
                "      --users-from s3://my-lists/leavers/2026-12.csv \\",
                "      --require-approval --execute",
                "  ./offboard fleet start --request fleet-request.json --execute --no-wait",
                "",
                "Exit codes: 0 COMPLETED, or planned; 1 the workflow ended in a Fail state",
                "(refused over the limits, rejected, failed: its Error and Cause are",
                "printed) or is still running after --timeout; 2 a bad flag or request",
                "file (named), nothing started; 3 could not run (no credentials, unknown",
                "state machine)."},
            mixinStandardHelpOptions = true)
    static final class Start implements Callable<Integer> {
        @ParentCommand
        FleetCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        FleetRequestOptions request = new FleetRequestOptions();

        @Mixin
        FollowOptions follow = new FollowOptions();

        @Option(names = "--execute", description = "Really offboard (default: a plan, which changes nothing).")
        boolean execute;

        @Override
        public Integer call() throws InterruptedException {
            ObjectNode fleetRequest = request.request(!execute);
            String note = null;
            if (!execute) {
                note = "This is a plan: nobody is offboarded" + (request.fileSaidExecute()
                        ? " (the request file's \"dryRun\": false counts only with --execute)" : "")
                        + ". Add --execute to offboard.";
            }
            return parent.startAndFollow(spec, fleetRequest, follow, note);
        }
    }

    int startAndFollow(CommandSpec command, ObjectNode request, FollowOptions follow, String note)
            throws InterruptedException {
        Report report = new Report(command.commandLine().getOut(), follow.json);
        if (follow.stateMachineArn != null && command.commandLine().getParseResult()
                .hasMatchedOption("--stack-name")) {
            throw new UsageException("--state-machine-arn and --stack-name both name the state machine: give one");
        }
        String machine = new StateMachineLocator(cloudFormationClients).arn(follow.stateMachineArn,
                follow.stackName, STATE_MACHINE_OUTPUT);
        String name = executionName(request);
        try (SfnClient sfn = sfnClients.get()) {
            String executionArn = start(sfn, machine, name, request.toString());
            report.line("Started " + executionArn);
            if (note != null) {
                report.line(note);
            }
            if (follow.noWait) {
                if (follow.json) {
                    command.commandLine().getOut().println(Json.mapper().createObjectNode()
                            .put("executionArn", executionArn).toPrettyString());
                    command.commandLine().getOut().flush();
                }
                return ExitCode.SUCCEEDED;
            }
            FleetProgress progress = new FleetProgress(executionArn, report);
            FleetReport end = new FleetReport(command.commandLine().getOut(), report, progress);
            return new ExecutionFollower(sfn, POLL_INTERVAL, sleeper, progress)
                    .follow(executionArn, Duration.ofSeconds(follow.timeoutSeconds), report, end::ended);
        } catch (SdkClientException e) {
            throw Aws.noCredentials(e);
        }
    }

    /**
     * A name of its own for each start: the run's (or "fleet") and the time. When the request names no run, the
     * workflow names the run after it.
     */
    private String executionName(ObjectNode request) {
        String run = request.path("run").isTextual() ? request.path("run").asText() : "fleet";
        return run + (request.path("dryRun").asBoolean(true) ? "-plan-" : "-") + NAME_TIME.format(clock.instant());
    }

    private static String start(SfnClient sfn, String machine, String name, String input) {
        try {
            return sfn.startExecution(r -> r.stateMachineArn(machine).name(name).input(input)).executionArn();
        } catch (ExecutionAlreadyExistsException e) {
            throw new CannotRunException("an execution named " + name + " was started in the same second: wait a"
                    + " second and start again, or follow it: " + StartCommand.executionArn(machine, name), e);
        } catch (StateMachineDoesNotExistException e) {
            throw new CannotRunException("state machine " + machine + " does not exist: check --state-machine-arn,"
                    + " or the region (AWS_REGION) it was deployed in", e);
        }
    }
}
