package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.errors.RecordStoreUnavailableException;
import dev.offboarding.iam.IamClients;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.records.RecordStore;
import dev.offboarding.reinstateuser.ReinstateErrors;
import dev.offboarding.reinstateuser.ReinstateUserHandler;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.UserNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

@Command(name = "reinstate",
        description = {
            "Undoes the lock-out of a quarantined user: turns back on what the lock-out",
            "deactivated (what was Active before it), lifts the deny of every action",
            "(AWSDenyAll detached, or the boundary it replaced put back), and says what",
            "cannot come back (a console password an earlier lock-out deleted,",
            "credentials deleted since). It undoes the newest offboarding record of the",
            "user, and refuses, changing nothing, when the user is gone or was created",
            "again, no lock-out is recorded, or the offboarding has moved on to removal.",
            "A dry run unless --execute is given.",
            "By default it runs here, the reinstate-user function in this process, against",
            "the IAM of the standard AWS SDK configuration (AWS_PROFILE, AWS_ENDPOINT_URL_IAM,",
            "...) and the records at --records; it stops no execution (an offboarding run",
            "by 'offboard local' has none). With --state-machine-arn or --stack-name it",
            "starts the deployed ReinstateUser workflow and follows it: that one also stops",
            "the offboarding still waiting out the quarantine."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  AWS_PROFILE=sandbox ./offboard reinstate --user night_owl",
            "      what a reinstate would do, with the records of 'offboard local'",
            "  AWS_PROFILE=sandbox ./offboard reinstate --user night_owl --execute",
            "  ./offboard reinstate --user night_owl --execute --stack-name iam-offboarding",
            "      the deployed workflow, with the stack's records and its quarantine stopped",
            "",
            "Exit codes: 0 reinstated, or a dry run; 1 refused or failed (its Error and",
            "Cause are printed); 2 a bad flag (named), nothing run; 3 could not run (no",
            "credentials, unknown state machine, records that cannot be read)."},
        mixinStandardHelpOptions = true)
final class ReinstateCommand implements Callable<Integer> {
    static final String STATE_MACHINE_OUTPUT = "ReinstateUserStateMachineArn";
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The IAM user to reinstate.")
    String user;

    @Option(names = "--execute", description = "Really reinstate (default: a dry run, which only reads).")
    boolean execute;

    @Option(names = "--account", paramLabel = "ACCOUNT",
            description = "The user's account: only the one the command's credentials are in (locally) or the stack"
                    + " runs in (deployed).")
    String account;

    @Option(names = "--reason", description = "Why the user is reinstated (kept in the reinstate's record).")
    String reason;

    @Option(names = "--requested-by", description = "Who asked for it (kept in the reinstate's record).")
    String requestedBy;

    @Mixin
    RecordsLocation records = new RecordsLocation();

    @Option(names = "--state-machine-arn", paramLabel = "ARN",
            description = "Start this deployed ReinstateUser state machine instead of reinstating here.")
    String stateMachineArn;

    @Option(names = "--stack-name", paramLabel = "STACK",
            description = "Start the deployed ReinstateUser state machine of this stack (its output "
                    + STATE_MACHINE_OUTPUT + ") instead of reinstating here.")
    String stackName;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", converter = WholeSeconds.Timeout.class,
            description = "Deployed: give up following after this many seconds (1 to 86400; default:"
                    + " ${DEFAULT-VALUE}); the execution goes on in AWS.")
    long timeoutSeconds;

    @Option(names = "--json", description = "Print only the result as JSON.")
    boolean json;

    private final Supplier<IamClient> iam;
    private final Supplier<StsClient> sts;
    private final Supplier<SfnClient> sfnClients;
    private final Supplier<CloudFormationClient> cloudFormationClients;
    private final ExecutionFollower.Sleeper sleeper;
    private final Clock clock;

    ReinstateCommand() {
        this(IamClients::fromEnvironment, StsClient::create, SfnClient::create, CloudFormationClient::create,
                d -> Thread.sleep(d.toMillis()), Clock.systemUTC());
    }

    ReinstateCommand(Supplier<IamClient> iam, Supplier<StsClient> sts, Supplier<SfnClient> sfn,
                     Supplier<CloudFormationClient> cloudFormation, ExecutionFollower.Sleeper sleeper, Clock clock) {
        this.iam = iam;
        this.sts = sts;
        this.sfnClients = sfn;
        this.cloudFormationClients = cloudFormation;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public Integer call() throws InterruptedException {
        ObjectNode request = request();
        ReinstateReport report = new ReinstateReport(spec.commandLine().getOut(), json);
        if (stateMachineArn != null || stackName != null) {
            return deployed(request, report);
        }
        return here(request, report);
    }

    /** The reinstate's request, each flag held to the request's rules: a bad value names its flag (exit code 2). */
    private ObjectNode request() {
        List<String> problems = new ArrayList<>();
        UserNames.problem("--user", user).ifPresent(problems::add);
        OffboardingRequest.accountIdProblem("--account", account).ifPresent(problems::add);
        OffboardingRequest.textProblem("--reason", reason).ifPresent(problems::add);
        OffboardingRequest.textProblem("--requested-by", requestedBy).ifPresent(problems::add);
        if (stateMachineArn != null && stackName != null) {
            problems.add("--state-machine-arn and --stack-name both name the state machine: give one");
        }
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("; ", problems));
        }
        ObjectNode request = Json.mapper().createObjectNode().put("userName", user);
        if (account != null) {
            request.put("accountId", account);
        }
        request.put("dryRun", !execute);
        if (reason != null) {
            request.put("reason", reason);
        }
        if (requestedBy != null) {
            request.put("requestedBy", requestedBy);
        }
        return request;
    }

    // ---- here: the function in this process ---------------------------------------------------------------------

    private int here(ObjectNode request, ReinstateReport report) {
        RecordStore store = records.open(null);
        GetCallerIdentityResponse caller = callerIdentity();
        String home = caller.account() != null ? caller.account() : LocalCommand.accountOf(caller.arn());
        if (account != null && !account.equals(home)) {
            throw new UsageException("--account: " + account + " is another account than the one the command's"
                    + " credentials are in (" + home + "): a reinstate acts only there; leave it out, or use the"
                    + " deployed workflow of that account's stack");
        }
        report.line("Reinstating " + user + " in real IAM as " + caller.arn() + (execute ? ""
                : " (dry run: nothing is changed; add --execute to act)"));
        report.line("Records: " + store.describe(""));
        ReinstateUserHandler handler = new ReinstateUserHandler(new IamGateway(iam.get()), store, home, clock);
        long started = System.nanoTime();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(request.toString().getBytes(StandardCharsets.UTF_8)), out,
                    new LocalContext("reinstate-user"));
            return report.ended(true, Json.mapper().readTree(out.toByteArray()), null, null, seconds(started));
        } catch (InvalidRequestException e) {
            throw new UsageException(e.getMessage());
        } catch (RecordStoreUnavailableException e) {
            throw e;
        } catch (SdkClientException e) {
            throw Aws.noCredentials(e);
        } catch (IOException e) {
            throw new CannotRunException("the reinstate's answer could not be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            return report.ended(false, null, ReinstateErrors.nameOf(e), e.getMessage(), seconds(started));
        }
    }

    private GetCallerIdentityResponse callerIdentity() {
        try (StsClient client = sts.get()) {
            return client.getCallerIdentity();
        } catch (SdkClientException e) {
            throw Aws.noCredentials(e);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    // ---- deployed: the ReinstateUser workflow ------------------------------------------------------------------

    private int deployed(ObjectNode request, ReinstateReport report) throws InterruptedException {
        String machine = new StateMachineLocator(cloudFormationClients).arn(stateMachineArn,
                stackName == null ? StartCommand.DEFAULT_STACK : stackName, STATE_MACHINE_OUTPUT);
        String name = executionName();
        try (SfnClient sfn = sfnClients.get()) {
            String arn;
            try {
                arn = sfn.startExecution(r -> r.stateMachineArn(machine).name(name).input(request.toString()))
                        .executionArn();
            } catch (StateMachineDoesNotExistException e) {
                throw new CannotRunException("state machine " + machine + " does not exist: check"
                        + " --state-machine-arn, or the region (AWS_REGION) it was deployed in", e);
            }
            report.line("Started " + arn + (execute ? "" : " (dry run: nothing is changed; add --execute to act)"));
            return new ExecutionFollower(sfn, Duration.ofSeconds(2), sleeper).follow(arn,
                    Duration.ofSeconds(timeoutSeconds), report.progress(), report::ended);
        } catch (SdkClientException e) {
            throw Aws.noCredentials(e);
        }
    }

    /** A name of its own for each reinstate: a second one, after a failure, is a new execution. */
    private String executionName() {
        String safe = user.replaceAll("[^A-Za-z0-9_+=.@-]", "_");
        return "reinstate-" + (safe.length() > 40 ? safe.substring(0, 40) : safe) + "-" + NAME_TIME.format(clock.instant());
    }

    /** What a reinstate's answer says, for people. */
    static List<String> describe(JsonNode answer) {
        List<String> lines = new ArrayList<>();
        JsonNode r = answer.path("reinstatement");
        boolean dryRun = answer.path("dryRun").asBoolean();
        lines.add((dryRun ? "Dry run: nothing was changed. A real reinstate of " : "Reinstated ")
                + answer.path("userName").asText() + " in account " + answer.path("accountId").asText()
                + (dryRun ? " would do this:" : ":"));
        lines.add("  lock-out undone: " + r.path("lockOutRecord").asText() + " (" + r.path("lockOutExecution").asText()
                + ")");
        JsonNode stop = r.path("quarantineExecution");
        lines.add("  its execution: " + switch (stop.path("result").asText()) {
            case "STOPPED" -> "stopped (it was " + stop.path("statusBefore").asText() + ")";
            case "WOULD_STOP" -> "still " + stop.path("statusBefore").asText() + ": it would be stopped first";
            case "ALREADY_ENDED" -> "had already ended" + (stop.path("statusBefore").isTextual()
                    ? " (" + stop.path("statusBefore").asText() + ")" : "");
            default -> "not checked (no Step Functions here): if it still waits out the quarantine in AWS, stop it"
                    + " or reinstate with --stack-name";
        });
        lines.add("  credentials:");
        for (JsonNode item : r.path("reactivated")) {
            lines.add("    " + item.path("kind").asText() + " " + item.path("id").asText() + ": "
                    + switch (item.path("result").asText()) {
                        case "ACTIVATED" -> "active again";
                        case "WOULD_ACTIVATE" -> "would be active again";
                        case "LEFT_INACTIVE" -> "stays inactive (it was not Active before the lock-out)";
                        default -> "gone (deleted since the lock-out): not restored";
                    });
        }
        JsonNode deny = r.path("deny");
        lines.add("  deny of every action: " + (deny.isObject() ? deny.path("policy").asText() + " as "
                + (deny.path("how").asText().equals("MANAGED_POLICY") ? "a managed policy" : "the boundary") + ": "
                + switch (deny.path("result").asText()) {
                    case "DETACHED" -> "detached";
                    case "WOULD_DETACH" -> "would be detached";
                    case "BOUNDARY_RESTORED" -> "replaced by the boundary it had replaced, "
                            + deny.path("restoredBoundary").asText();
                    case "WOULD_RESTORE_BOUNDARY" -> "would be replaced by the boundary it had replaced, "
                            + deny.path("restoredBoundary").asText();
                    case "BOUNDARY_GONE" -> "still the boundary: the one it had replaced, "
                            + deny.path("restoredBoundary").asText() + ", no longer exists (set another, or delete"
                            + " it: aws iam delete-user-permissions-boundary --user-name " + answer.path("userName")
                            .asText() + ")";
                    case "BOUNDARY_DELETED" -> "removed (the user had no boundary before)";
                    case "WOULD_DELETE_BOUNDARY" -> "would be removed (the user had no boundary before)";
                    case "ALREADY_LIFTED" -> "no longer on the user";
                    default -> "in place before the lock-out: left as it was";
                } : "none was attached by that lock-out"));
        lines.add("  console password: " + switch (r.path("consolePassword").asText()) {
            case "KEPT" -> "kept by the lock-out: it works " + (dryRun ? "again once the deny is lifted" : "again");
            case "DELETED" -> "deleted by the lock-out: see below";
            default -> "the user has none";
        });
        if (!r.path("cannotComeBack").isEmpty()) {
            lines.add("  cannot come back:");
            for (JsonNode lost : r.path("cannotComeBack")) {
                lines.add("    " + lost.path("kind").asText() + " " + lost.path("id").asText() + ": "
                        + lost.path("why").asText() + ". A new one: " + lost.path("restore").asText());
            }
        }
        if (r.path("reinstatedBefore").isTextual()) {
            lines.add("  reinstated before by " + r.path("reinstatedBefore").asText() + ": every step was run again");
        }
        lines.add("Record: " + answer.path("record").path("location").asText());
        return lines;
    }
}
