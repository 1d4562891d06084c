package dev.offboarding.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.local.LocalFunctions;
import dev.offboarding.local.WorkflowResult;
import dev.offboarding.local.WorkflowRunner;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.removetokens.Pause;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.Session;
import dev.offboarding.simulator.SessionDecision;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The time from the start of an offboarding to "no permission left" for a session its user opened before: the real
 * definition on the local engine, the real functions over the simulator in real time, with the visibility lag L; a
 * watcher decides the session's request every millisecond. The deny is attached by the first remove-tokens round,
 * after validation, the opening record, the inventory and the intent: what comes before it is the run's own
 * overhead above L.
 */
final class TimeToNoPermission {
    private static final String ACTION = "s3:GetObject";
    private static final Duration BOUND = Duration.ofMinutes(2);

    /** One run: seconds from the execution's first event to the attach, and to the session's first denial. */
    record Sample(double lagSeconds, double attachSeconds, double deniedSeconds) {
    }

    /** The medians of one lag and mode. */
    record Result(String mode, double lagSeconds, int runs, double attachMedian, double deniedMedian) {
        double overLag() {
            return deniedMedian - lagSeconds;
        }
    }

    private final Repository repo;

    TimeToNoPermission(Repository repo) {
        this.repo = repo;
    }

    Result measure(String mode, double lagSeconds, int runs) throws IOException, InterruptedException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            samples.add(once(mode, lagSeconds, i));
        }
        return new Result(mode, lagSeconds, runs, Stats.median(samples.stream().mapToDouble(Sample::attachSeconds)
                .toArray()), Stats.median(samples.stream().mapToDouble(Sample::deniedSeconds).toArray()));
    }

    private Sample once(String mode, double lagSeconds, int run) throws IOException, InterruptedException {
        JsonNode scenario = Json.mapper().readTree(repo.scenario("quarantine-live-session").toFile());
        Clock clock = Clock.offset(Clock.systemUTC(),
                Duration.between(Instant.now(), Instant.parse(scenario.path("world").path("now").asText())));
        IamSimulator iam = IamSimulator.fromWorld(scenario.path("world"), clock)
                .visibilityLag(Duration.ofMillis((long) (lagSeconds * 1000)));
        String user = scenario.path("request").path("userName").asText();
        Session session = iam.sessions().issue(user);
        ObjectNode request = Json.mapper().createObjectNode().put("userName", user);
        if (mode.equals("LOCK_OUT")) {
            request.put("quarantineDays", 1);
        } else {
            request.put("force", true);
        }
        AtomicReference<Instant> started = new AtomicReference<>();
        AtomicReference<Instant> denied = new AtomicReference<>();
        Thread watcher = new Thread(() -> {
            while (denied.get() == null && !Thread.currentThread().isInterrupted()) {
                if (started.get() != null && iam.sessions().decide(session, ACTION) != SessionDecision.ALLOWED) {
                    denied.set(clock.instant());
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "session-watcher");
        watcher.setDaemon(true);
        watcher.start();
        LocalFunctions functions = new LocalFunctions(iam, iam.accountId(), clock, GuardSettings.defaults(),
                Pause.REAL, new MemoryRecordStore());
        WorkflowRunner.Run execution = new WorkflowRunner.Run(repo.definition(), repo.substitutionValues(),
                request.toString(), "no-permission-" + mode.toLowerCase() + "-" + run, "OffboardUser", false,
                List.of("WaitForQuarantine"));
        WorkflowResult result = new WorkflowRunner(repo.root().resolve("statemachine"), "node", BOUND)
                .run(execution, functions, event -> started.compareAndSet(null, clock.instant()));
        watcher.interrupt();
        if (!result.succeeded() || denied.get() == null) {
            throw new IllegalStateException(mode + " at lag " + lagSeconds + " s: " + result.error() + " "
                    + result.cause() + ", denied " + denied.get());
        }
        Call attach = iam.calls().all().stream().filter(c -> c.operation().equals("AttachUserPolicy")).findFirst()
                .orElseThrow();
        return new Sample(lagSeconds, seconds(started.get(), attach.at()), seconds(started.get(), denied.get()));
    }


    /** The results as a Markdown table, each against its target (L plus one round trip). */
    static String markdown(List<Result> results) {
        StringBuilder out = new StringBuilder("""
                ## Time to no permission left

                | mode | lag L | runs | deny attached (median) | no permission left (median) | over L |
                |---|---|---|---|---|---|
                """);
        for (Result r : results) {
            out.append(String.format(java.util.Locale.ROOT, "| %s | %.0f s | %d | +%.2f s | +%.2f s | %.2f s |%n",
                    r.mode(), r.lagSeconds(), r.runs(), r.attachMedian(), r.deniedMedian(), r.overLag()));
        }
        return out.toString();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
