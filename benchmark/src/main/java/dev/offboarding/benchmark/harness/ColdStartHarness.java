package dev.offboarding.benchmark.harness;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.offboarding.local.LocalContext;
import dev.offboarding.priming.SnapStartPriming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One cold start, as Lambda does it: construct the handler (its no-argument constructor builds its real clients from
 * the environment), serve one request through {@code handleRequest}, print the answer on one line, exit. Runs in a
 * fresh JVM per measurement, with only the function's own jar, this class and the local Lambda context on the class
 * path.
 *
 * <p>Arguments: handler class name, request file, and optionally what comes between the construction and the
 * request: {@link Start}. For the starts other than {@code COLD}, a second line gives the time of the request alone
 * and the classes it loaded: {@code first-invocation <ms> <classes>}.
 */
public final class ColdStartHarness {
    /** What the request meets. */
    public enum Start {
        /** A process just started: the whole cold start is timed by whoever started it. */
        COLD,
        /** An initialised handler: what a SnapStart restore without priming serves. */
        AFTER_INIT,
        /** An initialised handler whose SnapStart priming ran, as before a snapshot. */
        AFTER_PRIMING
    }

    private ColdStartHarness() {
    }

    public static void main(String[] args) throws Exception {
        byte[] request = Files.readAllBytes(Path.of(args[1]));
        Start start = args.length > 2 ? Start.valueOf(args[2]) : Start.COLD;
        Class<?> type = Class.forName(args[0]);
        RequestStreamHandler handler = (RequestStreamHandler) type.getDeclaredConstructor().newInstance();
        if (start == Start.AFTER_PRIMING) {
            SnapStartPriming.Outcome outcome = ((SnapStartPriming) type.getMethod("priming").invoke(null)).prime();
            if (!outcome.succeeded()) {
                throw new IllegalStateException(outcome.describe());
            }
        }
        long classesBefore = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        long before = System.nanoTime();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(request), answer,
                new LocalContext(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "benchmark")));
        double ms = (System.nanoTime() - before) / 1e6;
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classesBefore;
        System.out.println(answer.toString(StandardCharsets.UTF_8).replace('\n', ' '));
        if (start != Start.COLD) {
            System.out.println(String.format(Locale.ROOT, "first-invocation %.1f %d", ms, classes));
        }
        System.out.flush();
        System.exit(0);
    }
}
