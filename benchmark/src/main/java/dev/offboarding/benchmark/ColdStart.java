package dev.offboarding.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.benchmark.harness.ColdStartHarness.Start;
import dev.offboarding.simulator.IamHttpEndpoint;
import dev.offboarding.simulator.IamSimulator;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Whole-process cold starts: a fresh JVM per run, with the flags of Lambda's java21 runtime, constructs the handler
 * from the environment and serves one request over HTTP to the simulator; timed from process start to the answer.
 * The product and the baseline alternate run by run, so both see the same machine noise.
 */
final class ColdStart {
    /** The java21 managed runtime's defaults: C1 only, serial GC, class-data sharing, 85 % of 512 MB as heap. */
    static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx435m", "-Djava.net.preferIPv4Stack=true");

    record Function(String name, String handler, String baselineHandler, String expectedInAnswer,
                    Supplier<Prepared> prepare) {
    }

    /** A fresh world for one run and the request to send. */
    record Prepared(IamSimulator world, String request) {
    }

    /** Times of the product and of the baseline, compared by their medians. */
    interface AgainstBaseline {
        List<Double> productMs();

        List<Double> baselineMs();

        default double productMedian() {
            return Stats.of(productMs()).median();
        }

        default double baselineMedian() {
            return Stats.of(baselineMs()).median();
        }

        default double ratio() {
            return productMedian() / baselineMedian();
        }
    }

    record Result(String function, List<Double> productMs, List<Double> baselineMs, long productJarBytes,
                  long baselineJarBytes) implements AgainstBaseline {
    }

    /**
     * The first invocation in an initialised runtime, timed inside the JVM: the product after its SnapStart priming,
     * the baseline (which has none) right after its construction. What a SnapStart restore of each serves first,
     * restore time aside.
     */
    record FirstInvocation(String function, List<Double> productMs, List<Double> baselineMs, long productClasses,
                           long baselineClasses) implements AgainstBaseline {
    }

    /** One launch: the whole process's time and, for a start other than cold, the request's own time and classes. */
    private record Launch(double processMs, double requestMs, long requestClasses) {
    }

    private final Repository repo;
    private final Path workDir;

    ColdStart(Repository repo) throws IOException {
        this.repo = repo;
        this.workDir = Files.createTempDirectory("cold-start");
    }

    static List<Function> functions(Repository repo) {
        Path littleTester = repo.scenario("little-tester");
        return List.of(
                new Function("list-tokens", "dev.offboarding.listtokens.ListTokensHandler",
                        "dev.offboarding.baseline.ListTokensBaseline", "AKIA",
                        () -> new Prepared(Functions.world(littleTester), "{\"userName\": \"little_tester\"}")),
                new Function("remove-tokens", "dev.offboarding.removetokens.RemoveTokensHandler",
                        "dev.offboarding.baseline.RemoveTokensBaseline", "ACCESS_KEY", () -> {
                            JsonNode inventory = Functions.listTokens(Functions.world(littleTester), "little_tester");
                            return new Prepared(Functions.world(littleTester),
                                    Functions.removeRequest(inventory).toString());
                        }),
                new Function("delete-user", "dev.offboarding.deleteuser.DeleteUserHandler",
                        "dev.offboarding.baseline.DeleteUserBaseline", "DELETED", () -> {
                            IamSimulator world = Functions.world(littleTester);
                            Functions.removeTokens(world, Functions.listTokens(world, "little_tester"));
                            return new Prepared(world, "{\"userName\": \"little_tester\"}");
                        }));
    }

    Result measure(Function function, int runs) throws Exception {
        AtomicReference<IamSimulator> world = new AtomicReference<>();
        List<Double> product = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        try (IamHttpEndpoint endpoint = IamHttpEndpoint.start(world::get)) {
            for (int run = -1; run < runs; run++) {
                // Run -1 warms the disk cache for both jars and is not counted.
                boolean baselineFirst = run % 2 == 0;
                for (boolean isBaseline : baselineFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    Prepared prepared = function.prepare().get();
                    world.set(prepared.world());
                    double ms = isBaseline
                            ? launch(function, repo.baselineJar(), function.baselineHandler(), prepared, endpoint,
                                    Start.COLD).processMs()
                            : launch(function, repo.lambdaJar(function.name()), function.handler(), prepared, endpoint,
                                    Start.COLD).processMs();
                    if (run >= 0) {
                        (isBaseline ? baseline : product).add(ms);
                    }
                }
            }
        }
        return new Result(function.name(), product, baseline, Files.size(repo.lambdaJar(function.name())),
                Files.size(repo.baselineJar()));
    }

    FirstInvocation firstInvocation(Function function, int runs) throws Exception {
        AtomicReference<IamSimulator> world = new AtomicReference<>();
        List<Double> product = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        long productClasses = 0;
        long baselineClasses = 0;
        try (IamHttpEndpoint endpoint = IamHttpEndpoint.start(world::get)) {
            for (int run = -1; run < runs; run++) {
                boolean baselineFirst = run % 2 == 0;
                for (boolean isBaseline : baselineFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    Prepared prepared = function.prepare().get();
                    world.set(prepared.world());
                    Launch launch = isBaseline
                            ? launch(function, repo.baselineJar(), function.baselineHandler(), prepared, endpoint,
                                    Start.AFTER_INIT)
                            : launch(function, repo.lambdaJar(function.name()), function.handler(), prepared, endpoint,
                                    Start.AFTER_PRIMING);
                    if (run >= 0) {
                        (isBaseline ? baseline : product).add(launch.requestMs());
                    }
                    if (isBaseline) {
                        baselineClasses = launch.requestClasses();
                    } else {
                        productClasses = launch.requestClasses();
                    }
                }
            }
        }
        return new FirstInvocation(function.name(), product, baseline, productClasses, baselineClasses);
    }

    private Launch launch(Function function, Path jar, String handler, Prepared prepared, IamHttpEndpoint endpoint,
                          Start start) throws Exception {
        Path request = Files.writeString(workDir.resolve(function.name() + ".json"), prepared.request());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_JVM_FLAGS);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, repo.harnessJar().toString(),
                        repo.localContextJar().toString(), jar.toString()),
                "dev.offboarding.benchmark.harness.ColdStartHarness", handler, request.toString(), start.name()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(lambdaEnvironment(function.name(), endpoint));
        long started = System.nanoTime();
        Process process = builder.start();
        String answer;
        String firstInvocation;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            answer = out.readLine();
            firstInvocation = start == Start.COLD ? null : out.readLine();
        }
        double ms = (System.nanoTime() - started) / 1e6;
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (answer == null || !answer.contains(function.expectedInAnswer())) {
            throw new IllegalStateException(function.name() + " (" + handler + ") did not answer as expected: " + answer);
        }
        if (firstInvocation == null) {
            return new Launch(ms, Double.NaN, 0);
        }
        String[] fields = firstInvocation.split(" ");
        return new Launch(ms, Double.parseDouble(fields[1]), Long.parseLong(fields[2]));
    }

    /** What Lambda sets, with dummy credentials and the simulator as IAM; nothing of this machine's own AWS setup. */
    private Map<String, String> lambdaEnvironment(String function, IamHttpEndpoint endpoint) {
        return Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", function,
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512",
                "AWS_REGION", "us-east-1",
                "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "AKIDBENCHMARK",
                "AWS_SECRET_ACCESS_KEY", "benchmark-dummy",
                "AWS_SESSION_TOKEN", "benchmark-dummy",
                "AWS_ENDPOINT_URL_IAM", endpoint.uri().toString(),
                "HOME", workDir.toString());
    }
}
