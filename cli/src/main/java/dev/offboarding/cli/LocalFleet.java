package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.local.LocalFleetRun;
import dev.offboarding.local.LocalFunctions;
import dev.offboarding.local.SdkRetries;
import dev.offboarding.local.WorkflowEvent;
import dev.offboarding.local.WorkflowResult;
import dev.offboarding.local.WorkflowRunner;
import dev.offboarding.removetokens.Pause;
import dev.offboarding.simulator.SimulatedOrganization;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code offboard local --fleet}: the OffboardFleet workflow on the local engine over a fleet scenario's simulated
 * organization ({@link LocalFleetRun}), its progress on stderr, and at its end the fleet report: for people the
 * counts by outcome and by error and one line per user, with --json the report alone.
 */
final class LocalFleet {
    /** How often the run's files are read for the progress. */
    private static final long POLL_MILLIS = 250;

    /** What the command was asked for. */
    record Options(boolean dryRun, boolean approve, boolean json, String node, long timeoutSeconds) {
    }

    private final Path home;
    private final Path records;
    private final Options options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    /** The organization of the last run, for whoever wants to look at IAM's final state. */
    SimulatedOrganization organization;

    LocalFleet(Path home, Path records, Options options, PrintWriter out, PrintWriter err, boolean terminal) {
        this.home = home;
        this.records = records;
        this.options = options;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    int run(FleetScenarioFile file, Duration engineSlack) throws IOException, InterruptedException {
        ObjectNode request = file.request().deepCopy();
        if (options.dryRun()) {
            request.put("dryRun", true);
        }
        Clock clock = file.realTimeClock();
        organization = file.organization(clock);
        Report report = new Report(out, options.json());
        Path work = Files.createTempDirectory("offboard-fleet-");
        try {
            LocalFleetRun.Folders folders = new LocalFleetRun.Folders(records, work.resolve("callbacks"),
                    work.resolve("executions.json"));
            LocalFleetRun fleet = new LocalFleetRun(home.resolve("statemachine"), folders);
            String executionName = "local-fleet-" + System.currentTimeMillis();
            String caller = organization.home().sts().getCallerIdentity().arn();
            report.line("Fleet run " + request.path("run").asText("(unnamed)") + " on the in-memory IAM simulator"
                    + " (scenario " + file.file().getFileName() + ", " + organization.accounts().size() + " accounts, "
                    + (request.path("dryRun").asBoolean(true) ? "a dry run: nothing is changed" : "offboarding")
                    + "), execution " + executionName);
            if (!file.description().isEmpty()) {
                report.line("  " + file.description());
            }
            WorkflowRunner runner = LocalEngine.prepare(home, options.node(),
                    Duration.ofSeconds(options.timeoutSeconds()).plus(engineSlack), report::line);
            // Throttling is absorbed as deployed: first by the functions' SDK retries, then by the workflow's Retry.
            LocalFunctions functions = fleet.functions(organization, clock, GuardSettings.defaults(), Pause.REAL,
                    SdkRetries.asDeployed());
            String definitionText = Files.readString(home.resolve("statemachine").resolve(LocalFleetRun.FLEET_DEFINITION))
                    + Files.readString(home.resolve("statemachine").resolve(LocalFleetRun.OFFBOARD_USER_DEFINITION));
            WorkflowRunner.Run run = fleet.run(LocalSubstitutions.forDefinition(definitionText,
                    organization.home().accountId()), request.toString(), executionName, file.noWaits());
            LocalFleetProgress progress = new LocalFleetProgress(folders, executionName);
            ProgressBar bar = new ProgressBar(err, terminal, System::nanoTime);
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "fleet-progress");
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(() -> bar.update(progress.poll()), POLL_MILLIS, POLL_MILLIS,
                    TimeUnit.MILLISECONDS);
            long started = System.nanoTime();
            LocalRun.End end;
            try {
                end = LocalRun.run(runner, run, functions, new IamGate(organization.home()),
                        Duration.ofSeconds(options.timeoutSeconds()),
                        event -> seen(event, report, fleet, caller, request));
            } finally {
                poller.shutdown();
                poller.awaitTermination(5, TimeUnit.SECONDS);
                bar.finish(progress.poll());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (end instanceof LocalRun.Stopped stopped) {
                if (options.json()) {
                    ObjectNode document = Json.mapper().createObjectNode().put("status", "TIMED_OUT")
                            .put("timeoutSeconds", options.timeoutSeconds()).put("state", stopped.state())
                            .put("engineEnded", stopped.engineEnded());
                    out.println(document.toPrettyString());
                    out.flush();
                    return ExitCode.CANNOT_RUN;
                }
                report.line("");
                report.line("Stopped after " + options.timeoutSeconds() + " s (--timeout) in state " + stopped.state()
                        + ": the engine was ended; what the children had done is in their records under " + records);
                return ExitCode.CANNOT_RUN;
            }
            WorkflowResult result = ((LocalRun.Finished) end).result();
            Optional<JsonNode> fleetReport = read(executionName, "report.json");
            if (fleetReport.isPresent() && options.json()) {
                out.println(fleetReport.get().toPrettyString());
                out.flush();
                return result.succeeded() ? ExitCode.SUCCEEDED : ExitCode.WORKFLOW_FAILED;
            }
            if (fleetReport.isEmpty() && report.printedAsJson(result.succeeded(), result.output(), result.error(),
                    result.cause())) {
                return result.succeeded() ? ExitCode.SUCCEEDED : ExitCode.WORKFLOW_FAILED;
            }
            out.println();
            fleetReport.ifPresent(r -> FleetReport.lines(r, read(executionName, "plan.json").orElse(null))
                    .forEach(out::println));
            if (result.succeeded()) {
                out.printf("Succeeded in %.1f s%n", seconds);
            } else {
                out.printf("Failed in %.1f s: %s%n", seconds, result.error());
                out.println(result.cause());
            }
            out.flush();
            return result.succeeded() ? ExitCode.SUCCEEDED : ExitCode.WORKFLOW_FAILED;
        } finally {
            deleteAll(work);
        }
    }

    /** The fleet execution's own states, and its approval: answered with --approve, else said how. */
    private void seen(WorkflowEvent event, Report report, LocalFleetRun fleet, String caller, JsonNode request) {
        if (!event.ofStartedExecution()) {
            return;
        }
        if (event.type().equals("TaskTokenIssued")) {
            long timeout = request.path("approvalTimeoutSeconds").asLong(86_400);
            if (options.approve()) {
                report.line("     approving the plan (--approve) as " + caller);
                approve(fleet, event.line().path("token").asText(), caller);
            } else {
                report.line("     waiting for approval until " + Instant.now().plusSeconds(timeout)
                        + " (approvalTimeoutSeconds): a local run is approved only by running it with --approve;"
                        + " without a decision it ends as rejected (Offboarding.FleetRejected). Ctrl-C stops it.");
            }
            return;
        }
        report.progress(event);
    }

    /** SendTaskSuccess as the local engine takes it, into the run's callbacks folder. */
    private static void approve(LocalFleetRun fleet, String token, String caller) {
        ObjectNode output = Json.mapper().createObjectNode().put("decision", "APPROVED").put("by", caller)
                .put("at", Instant.now().toString()).put("reason", "approved with offboard local --approve");
        ObjectNode decision = Json.mapper().createObjectNode();
        decision.set("output", output);
        try {
            fleet.decide(token, decision);
        } catch (IOException e) {
            throw new CannotRunException("cannot write the approval into " + fleet.folders().callbacks() + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code fleet/<run>/<execution>/<name>} in the records folder. */
    private Optional<JsonNode> read(String executionName, String name) {
        Path fleet = records.resolve("fleet");
        if (!Files.isDirectory(fleet)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(fleet)) {
            Optional<Path> file = runs.map(run -> run.resolve(executionName).resolve(name)).filter(Files::isRegularFile)
                    .findFirst();
            return file.isEmpty() ? Optional.empty() : Optional.of(Json.mapper().readTree(Files.readString(file.get())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void deleteAll(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
