package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import dev.offboarding.simulator.SimulatedOrganization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The real OffboardFleet definition on the local engine (its Distributed Maps, child executions, result files, task
 * tokens and execution names as statemachine/lib provides them), the real functions over one simulated world, the
 * records and the S3 bucket in a folder. Executions run one after the other and share the execution names already
 * used, as executions of one state machine do.
 */
final class LocalFleet {
    static final String EXECUTION_PREFIX = "arn:aws:states:us-east-1:123456789012:execution:OffboardFleet:";
    private static final Duration EXECUTION_BOUND = Duration.ofMinutes(3);

    final MutableClock clock;
    final IamSimulator iam;
    private final Path dir;
    private final LocalFleetRun fleet;
    private final LocalFunctions functions;

    /**
     * What a person (or nobody) answers when a run waits for a decision: given the TaskTokenIssued line, the
     * decision to send, or null for none.
     */
    interface Decider extends Function<WorkflowEvent, Decision> {
        Decider NOBODY = issued -> null;
    }

    /**
     * A decision on a task token as the local engine takes it (statemachine/lib/service-integrations.js): the
     * SendTaskSuccess output, or the SendTaskFailure error and cause.
     */
    record Decision(JsonNode output, String error, String cause, Instant sentAt) {
        /** What offboard approve sends: SendTaskSuccess {"decision": "APPROVED", "by", "at"}. */
        static Decision approvedBy(String callerArn, Instant at) {
            return new Decision(Json.mapper().createObjectNode().put("decision", "APPROVED").put("by", callerArn)
                    .put("at", at.toString()), null, null, null);
        }

        /** What offboard reject sends: SendTaskFailure Offboarding.Rejected, its cause {"by", "at", "reason"}. */
        static Decision rejectedBy(String callerArn, Instant at, String reason) {
            return new Decision(null, "Offboarding.Rejected", Json.mapper().createObjectNode().put("by", callerArn)
                    .put("at", at.toString()).put("reason", reason).toString(), null);
        }

        /** The same decision sent at {@code instant}, in a run in virtual time. */
        Decision sentAt(Instant instant) {
            return new Decision(output, error, cause, instant);
        }

        JsonNode file() {
            ObjectNode file = Json.mapper().createObjectNode();
            if (output != null) {
                file.set("output", output);
            } else {
                file.put("error", error).put("cause", cause);
            }
            if (sentAt != null) {
                file.put("sentAt", sentAt.toString());
            }
            return file;
        }
    }

    LocalFleet(Path dir, String world) {
        this.dir = dir;
        try {
            clock = new MutableClock(Instant.parse(Json.mapper().readTree(world).path("now").asText()));
            SimulatedOrganization org = SimulatedOrganization.fromWorld(Json.mapper().readTree(world), clock);
            iam = org.home().credentialReportGenerationTime(Duration.ZERO);
            fleet = new LocalFleetRun(RealWorkflow.STATEMACHINE, LocalFleetRun.Folders.under(dir));
            functions = fleet.functions(org, clock, GuardSettings.defaults(), clock::advance);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An execution named {@code name}: every Wait and Retry pause 0, nobody deciding. */
    WorkflowResult run(String name, String request) throws IOException, InterruptedException {
        return run(name, request, Decider.NOBODY);
    }

    /** The same, {@code decider} answering each task token the run waits on. */
    WorkflowResult run(String name, String request, Decider decider) throws IOException, InterruptedException {
        return run(fleet.run(RealWorkflow.substitutions(), request, "fleet-" + name, true), decider);
    }

    /**
     * An execution named {@code name} on the logical clock, started at the world's time now: every Wait and Retry
     * pause taken in full, at once, and the simulator's clock following it.
     */
    WorkflowResult runInVirtualTime(String name, String request) throws IOException, InterruptedException {
        return runInVirtualTime(name, request, Decider.NOBODY);
    }

    /** The same, {@code decider} answering each task token (a decision may say when it is sent). */
    WorkflowResult runInVirtualTime(String name, String request, Decider decider)
            throws IOException, InterruptedException {
        WorkflowRunner.VirtualTime time = new WorkflowRunner.VirtualTime(clock.instant(), 1, clock::set);
        WorkflowRunner.Run run = fleet.run(RealWorkflow.substitutions(), request, "fleet-" + name, false);
        return run(new WorkflowRunner.Run(run.definition(), run.substitutions(), run.input(), run.executionName(),
                run.stateMachineName(), run.noWaits(), run.zeroWaits(), time, run.services()), decider);
    }

    private WorkflowResult run(WorkflowRunner.Run run, Decider decider) throws IOException, InterruptedException {
        return new WorkflowRunner(RealWorkflow.STATEMACHINE, "node", EXECUTION_BOUND).run(run, functions, event -> {
            if ("TaskTokenIssued".equals(event.type())) {
                Decision decision = decider.apply(event);
                if (decision != null) {
                    try {
                        fleet.decide(event.line().path("token").asText(), decision.file());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        });
    }

    /** Every call that changed the users so far; generating the credential report changes none of them. */
    List<String> mutations() {
        return mutations(iam.calls().mutating());
    }

    static List<String> mutations(List<Call> calls) {
        return calls.stream().map(Call::operation).filter(op -> !op.equals("GenerateCredentialReport")).toList();
    }

    boolean exists(String userName) {
        return iam.userExists(userName);
    }

    /** The report of the only fleet execution that wrote one. */
    JsonNode report() throws IOException {
        return Json.mapper().readTree(Files.readString(only("report.json")));
    }

    /** The report of fleet execution {@code name}. */
    JsonNode report(String name) throws IOException {
        try (var files = Files.walk(dir.resolve("records"))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().equals("report.json"))
                    .filter(f -> f.getParent().getFileName().toString().equals("fleet-" + name)).toList();
            assertEquals(1, found.size(), () -> "report.json of fleet-" + name + ": " + found);
            return Json.mapper().readTree(Files.readString(found.get(0)));
        }
    }

    JsonNode plan() throws IOException {
        return Json.mapper().readTree(Files.readString(only("plan.json")));
    }

    /** The report's users by name. */
    static Map<String, JsonNode> usersOf(JsonNode report) {
        Map<String, JsonNode> users = new TreeMap<>();
        report.path("users").forEach(u -> users.put(u.path("userName").asText(), u));
        return users;
    }

    private Path only(String fileName) throws IOException {
        try (var files = Files.walk(dir.resolve("records"))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().equals(fileName)).toList();
            assertEquals(1, found.size(), () -> fileName + ": " + found);
            return found.get(0);
        }
    }
}
