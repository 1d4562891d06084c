package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.iam.IamClients;
import dev.offboarding.json.Json;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.local.LocalFunctions;
import dev.offboarding.local.WorkflowResult;
import dev.offboarding.local.WorkflowRunner;
import dev.offboarding.records.RecordStore;
import dev.offboarding.removetokens.Pause;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.validation.OffboardingRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

@Command(name = "local",
        description = {
            "Runs the offboarding workflow on this machine: the real offboard-user",
            "definition on a local Step Functions engine, its tasks calling the real",
            "functions in this process.",
            "With a scenario (the default), IAM is the in-memory simulator loaded from",
            "the scenario file. With --user and no --scenario, IAM is what the standard",
            "AWS SDK configuration points to (profile, region, AWS_ENDPOINT_URL_IAM,",
            "...), and the run is a dry run unless --execute is given.",
            "A local run acts in the account IAM is in: --account-id may only name it.",
            "Every flag and the scenario file are checked before anything runs: a bad",
            "value is exit code 2, naming the flag (or the file and its key).",
            "A run stopped by --timeout, or one that fails after changing IAM, says",
            "what it changed and whether the user still exists; if the user is gone,",
            "the offboarding is done and the exit code is 0."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./offboard local",
            "      little_tester on the simulator with a 3 s visibility lag:",
            "      DELETED after DeleteUser retries",
            "  ./offboard local --scenario events/scenarios/protected-user.json",
            "  ./offboard local --lag 20 --json",
            "  ./offboard local --lag 30 --timeout 10",
            "      stopped after 10 s, saying what it had changed (exit code 3)",
            "  AWS_PROFILE=sandbox ./offboard local --user little_tester",
            "      a dry run against real IAM",
            "  AWS_PROFILE=sandbox ./offboard local --user little_tester --execute",
            "  ./offboard local --fleet events/scenarios/fleet-stale-users.json",
            "      60 users in 3 accounts: the stale ones deleted, the protected and",
            "      privileged ones refused, the active ones never selected",
            "  ./offboard local --fleet events/scenarios/fleet-stale-users.json --json"},
        mixinStandardHelpOptions = true)
final class LocalCommand implements Callable<Integer> {
    static final String DEFAULT_SCENARIO = "events/scenarios/little-tester.json";
    static final String DEFINITION = "statemachine/offboard-user.asl.json";
    /** Beyond the run's own limit, how long the runner waits for its engine to end. */
    private static final Duration ENGINE_SLACK = Duration.ofMinutes(1);

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Scenario file (request and simulator world). Default: " + DEFAULT_SCENARIO)
    Path scenario;

    @Option(names = "--fleet", paramLabel = "FILE",
            description = {"Run the offboard-fleet workflow on this fleet scenario (fleet request and simulated"
                    + " accounts), e.g. events/scenarios/fleet-stale-users.json. With --dry-run it only plans."})
    Path fleet;

    @Option(names = "--approve",
            description = {"With --fleet, when the fleet request has requireApproval: approve the plan when the run"
                    + " waits for it. Without it the run waits until its approvalTimeoutSeconds (or --timeout), then"
                    + " ends as rejected."})
    boolean approve;

    @Option(names = "--lag", paramLabel = "SECONDS", converter = WholeSeconds.Lag.class,
            description = "The simulator's visibility lag: how long IAM still sees a removed blocker (0 to 3600).")
    Long lagSeconds;

    @Option(names = "--user", paramLabel = "NAME",
            description = "Offboard this user in real IAM (without --scenario), or instead of the scenario's user.")
    String user;

    @Option(names = "--execute", description = "Against real IAM: really remove and delete (default: a dry run).")
    boolean execute;

    @Option(names = "--dry-run", description = "Only report what would be removed.")
    boolean dryRun;

    @Option(names = "--json", description = "Print only the result as JSON.")
    boolean json;

    @Option(names = "--node", paramLabel = "COMMAND", defaultValue = "node",
            description = "The Node.js command that runs the local engine (default: ${DEFAULT-VALUE}).")
    String node;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800", converter = WholeSeconds.Timeout.class,
            description = {"Stop the run if it is still going after this many seconds (1 to 86400; default:"
                    + " ${DEFAULT-VALUE}): the engine is ended, no further IAM call is made, and the output says what"
                    + " was already changed. Exit code 3, or 0 if the user was already deleted."})
    long timeoutSeconds;

    @Mixin
    RequestOptions requestOptions = new RequestOptions();

    @Mixin
    RecordsLocation records = new RecordsLocation();

    /** Where this run's record is kept (--records), opened before anything runs. */
    RecordStore recordStore;

    private final Supplier<IamClient> realIam;
    private final Supplier<StsClient> realSts;
    /** The simulator of the last scenario run, for whoever wants to look at IAM's final state. */
    IamSimulator simulator;
    /** The last fleet run, for whoever wants to look at IAM's final state in each account. */
    LocalFleet fleetRun;
    /** The scenario's live sessions, followed while it runs. */
    private SessionWatch sessions;

    LocalCommand() {
        this(IamClients::fromEnvironment, StsClient::create);
    }

    LocalCommand(Supplier<IamClient> realIam, Supplier<StsClient> realSts) {
        this.realIam = realIam;
        this.realSts = realSts;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        recordStore = records.open(null);
        Report report = new Report(spec.commandLine().getOut(), json);
        Path home = ProjectHome.find();
        if (fleet != null) {
            return runFleet(home);
        }
        if (approve) {
            throw new UsageException("--approve: it answers a fleet run's approval; use it with --fleet");
        }
        boolean realIamMode = user != null && scenario == null;
        return realIamMode ? runAgainstRealIam(home, report) : runScenario(home, report);
    }

    private int runScenario(Path home, Report report) throws IOException, InterruptedException {
        ScenarioFile file = ScenarioFile.load(home.resolve(scenario == null ? Path.of(DEFAULT_SCENARIO) : scenario));
        OffboardingRequest request = requestOptions.applyTo(file.request(), user, dryRun);
        Path definition = home.resolve(DEFINITION);
        String definitionText = Files.readString(definition);
        checkZeroWaits(file, definitionText);
        long lag = lagSeconds != null ? lagSeconds : file.visibilityLagSeconds();
        // The scenario's clock starts at its world's "now" and runs in real time: waits and the lag are real, and
        // the guards (recent activity) judge the world's dates the same on any day.
        Clock clock = file.realTimeClock();
        IamSimulator iam = file.simulator(clock, lag);
        SessionWatch watch = SessionWatch.of(iam, clock, Duration.ofSeconds(lag), file.watchedSessions(), file.label(),
                report::line);
        checkAccount(request, iam.accountId(), file.label() + ": \"request.accountId\"");
        String userName = request.userName();
        String caller = iam.sts().getCallerIdentity().arn();
        if (isTheCaller(caller, userName)) {
            throw new CannotRunException("refusing to offboard " + userName + ": it is the identity the scenario's"
                    + " world runs as (" + caller + "); give the world another \"caller\"");
        }
        if (file.recreateAccessKeyOnDelete()) {
            iam.afterCall("DeleteAccessKey", sim -> sim.createAccessKey(r -> r.userName(userName)));
        }
        simulator = iam;
        report.line("Offboarding " + userName + " on the in-memory IAM simulator (scenario " + file.name()
                + ", visibility lag " + lag + " s)");
        if (!file.description().isEmpty()) {
            report.line("  " + file.description());
        }
        try (SessionWatch started = watch.start()) {
            sessions = started;
            return run(home, report, request, iam,
                    client -> new LocalFunctions(client, iam.accountId(), clock, GuardSettings.defaults(), Pause.REAL,
                            recordStore),
                    file.noWaits(), file.zeroWaits(), iam.accountId(), definition, definitionText, null);
        }
    }

    private int runFleet(Path home) throws IOException, InterruptedException {
        List<String> singleUserOnly = new ArrayList<>();
        if (scenario != null) {
            singleUserOnly.add("--scenario");
        }
        if (user != null) {
            singleUserOnly.add("--user");
        }
        if (execute) {
            singleUserOnly.add("--execute");
        }
        if (lagSeconds != null) {
            singleUserOnly.add("--lag");
        }
        java.util.Map<String, Object> requestFlags = new java.util.LinkedHashMap<>();
        requestFlags.put("--reason", requestOptions.reason);
        requestFlags.put("--requested-by", requestOptions.requestedBy);
        requestFlags.put("--force", requestOptions.force);
        requestFlags.put("--quarantine-days", requestOptions.quarantineDays);
        requestFlags.put("--account-id", requestOptions.accountId);
        requestFlags.put("--allow-privileged", requestOptions.allowPrivileged);
        requestFlags.forEach((flag, value) -> {
            if (value != null) {
                singleUserOnly.add(flag);
            }
        });
        if (!singleUserOnly.isEmpty()) {
            throw new UsageException(String.join(", ", singleUserOnly) + ": for a single-user run; a fleet run takes"
                    + " its request and its world from the --fleet file (its \"fleet\" request has reason,"
                    + " requestedBy, quarantineDays and accounts)");
        }
        if (!(recordStore instanceof dev.offboarding.records.DirectoryRecordStore folder)) {
            throw new UsageException("--records: a local fleet run keeps its records in a folder (the local engine"
                    + " reads its items and writes its results there), not in " + records.location);
        }
        FleetScenarioFile file = FleetScenarioFile.load(home.resolve(fleet));
        fleetRun = new LocalFleet(home, folder.root(), new LocalFleet.Options(dryRun, approve, json, node,
                timeoutSeconds), spec.commandLine().getOut(), spec.commandLine().getErr(),
                ProgressBar.stderrIsTerminal());
        return fleetRun.run(file, ENGINE_SLACK);
    }

    private int runAgainstRealIam(Path home, Report report) throws IOException, InterruptedException {
        OffboardingRequest request = requestOptions.applyTo(OffboardingRequest.forUser(user), user,
                dryRun || !execute);
        Path definition = home.resolve(DEFINITION);
        String definitionText = Files.readString(definition);
        GetCallerIdentityResponse caller = callerIdentity();
        if (isTheCaller(caller.arn(), user)) {
            throw new CannotRunException("refusing to offboard " + user + ": it is the identity this command runs as ("
                    + caller.arn() + "); run it with other credentials");
        }
        String account = caller.account() != null ? caller.account() : accountOf(caller.arn());
        checkAccount(request, account, "");
        report.line("Offboarding " + user + " in real IAM as " + caller.arn()
                + (execute ? "" : " (dry run: nothing is changed; add --execute to act)"));
        IamClient iam = realIam.get();
        return run(home, report, request, iam,
                client -> new LocalFunctions(client, account, Clock.systemUTC(),
                        GuardSettings.fromEnvironment(System.getenv()), Pause.REAL, recordStore),
                false, List.of(), account, definition, definitionText,
                "run the same command again to finish; it goes on from what is left.");
    }

    /**
     * A local run acts in one account, the one IAM is in: a request for another account is refused before it runs
     * (its member-account path needs the deployed role and gateways).
     */
    private void checkAccount(OffboardingRequest request, String homeAccount, String scenarioKey) {
        if (request.accountId() == null || request.accountId().equals(homeAccount)) {
            return;
        }
        String problem = request.accountId() + " is another account than the one IAM is in here (" + homeAccount
                + "): a local run acts only in that account; leave it out, or use 'offboard start' with the"
                + " deployed workflow";
        if (requestOptions.accountId != null || scenarioKey.isEmpty()) {
            throw new UsageException("--account-id: " + problem);
        }
        throw new UsageException(scenarioKey + ": " + problem);
    }

    /** Each state a scenario skips with engine.zeroWaits must be a Wait state of the definition. */
    private static void checkZeroWaits(ScenarioFile file, String definitionText) throws IOException {
        JsonNode states = Json.mapper().readTree(definitionText).path("States");
        List<String> waits = new ArrayList<>();
        states.fields().forEachRemaining(state -> {
            if ("Wait".equals(state.getValue().path("Type").asText())) {
                waits.add(state.getKey());
            }
        });
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < file.zeroWaits().size(); i++) {
            String name = file.zeroWaits().get(i);
            if (!waits.contains(name)) {
                problems.add("\"engine.zeroWaits[" + i + "]\" is \"" + name + "\", not a Wait state of " + DEFINITION
                        + " (its Wait states: " + String.join(", ", waits) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw UsageException.of(file.label(), problems);
        }
    }

    private int run(Path home, Report report, OffboardingRequest request, IamClient iam,
                    Function<IamClient, LocalFunctions> functionsOver, boolean noWaits, List<String> zeroWaits,
                    String homeAccount, Path definition, String definitionText, String whatNext)
            throws IOException, InterruptedException {
        WorkflowRunner runner = LocalEngine.prepare(home, node, Duration.ofSeconds(timeoutSeconds).plus(ENGINE_SLACK),
                report::line);
        IamGate gate = new IamGate(iam);
        LocalFunctions functions = functionsOver.apply(gate.client());
        WorkflowRunner.Run run = new WorkflowRunner.Run(definition,
                LocalSubstitutions.forDefinition(definitionText, homeAccount),
                RequestOptions.toJson(request).toString(), "local-" + System.currentTimeMillis(), "OffboardUser",
                noWaits, zeroWaits);
        long started = System.nanoTime();
        LocalRun.End end = LocalRun.run(runner, run, functions, gate, Duration.ofSeconds(timeoutSeconds), event -> {
            if (sessions != null) {
                sessions.executionStarted();
            }
            report.progress(event);
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        String userName = request.userName();
        if (end instanceof LocalRun.Finished finished) {
            WorkflowResult result = finished.result();
            if (result.succeeded()) {
                return report.ended(true, result.output(), null, null, seconds);
            }
            List<IamGate.Change> changes = gate.changes();
            Report.Aftermath after = new Report.Aftermath(userName, changes, List.of(),
                    changes.isEmpty() ? null : userExists(iam, userName, changes), whatNext);
            return report.failed(result.error(), result.cause(), seconds, after);
        }
        LocalRun.Stopped stopped = (LocalRun.Stopped) end;
        List<IamGate.Change> changes = gate.changes();
        Report.Aftermath after = new Report.Aftermath(userName, changes, stopped.unanswered(),
                userExists(iam, userName, changes), whatNext);
        return report.timedOut(timeoutSeconds, stopped, after);
    }

    /**
     * Whether the user still exists, asked once of IAM through the command's own client (the run's is closed by
     * now); null when IAM could not tell. Not asked when this run's DeleteUser went through.
     */
    private static Boolean userExists(IamClient iam, String userName, List<IamGate.Change> changes) {
        if (changes.stream().anyMatch(change -> change.operation().equals("DeleteUser"))) {
            return false;
        }
        try {
            iam.getUser(r -> r.userName(userName));
            return true;
        } catch (NoSuchEntityException e) {
            return false;
        } catch (SdkException e) {
            return null;
        }
    }

    private GetCallerIdentityResponse callerIdentity() {
        try (StsClient sts = realSts.get()) {
            return sts.getCallerIdentity();
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            throw new CannotRunException("no AWS credentials or region: configure them the standard way (AWS_PROFILE,"
                    + " AWS_REGION, environment variables or SSO) and try again (" + e.getMessage() + ")", e);
        }
    }

    /** The account of an IAM or STS ARN: arn:aws:iam::123456789012:user/alice gives 123456789012. */
    static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length > 4 ? parts[4] : "";
    }

    /** Whether the caller ARN is the IAM user to offboard (user names are case-insensitive in IAM). */
    static boolean isTheCaller(String callerArn, String userName) {
        // A federated user's session (GetFederationToken) is named by whoever asked for it, usually after the IAM
        // user behind it: the same name is read as the same person.
        String marker = callerArn.contains(":federated-user/") ? ":federated-user/" : ":user/";
        int user = callerArn.indexOf(marker);
        if (user < 0) {
            return false;
        }
        String pathAndName = callerArn.substring(user + marker.length());
        String name = pathAndName.substring(pathAndName.lastIndexOf('/') + 1);
        return name.equalsIgnoreCase(userName);
    }
}
