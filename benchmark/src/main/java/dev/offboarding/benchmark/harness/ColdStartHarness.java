package dev.offboarding.benchmark.harness;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.offboarding.local.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, as Lambda does it: construct the handler (its no-argument constructor builds its real clients from
 * the environment), serve one request through {@code handleRequest}, print the answer on one line, exit. Runs in a
 * fresh JVM per measurement, with only the function's own jar, this class and the local Lambda context on the class
 * path.
 *
 * <p>Arguments: handler class name, request file.
 */
public final class ColdStartHarness {
    private ColdStartHarness() {
    }

    public static void main(String[] args) throws Exception {
        byte[] request = Files.readAllBytes(Path.of(args[1]));
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(request), answer,
                new LocalContext(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "benchmark")));
        System.out.println(answer.toString(StandardCharsets.UTF_8).replace('\n', ' '));
        System.out.flush();
        System.exit(0);
    }
}
