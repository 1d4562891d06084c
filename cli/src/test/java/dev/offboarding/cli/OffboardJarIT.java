package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The packaged command, target/offboard.jar, run as ./offboard runs it: in its own JVM, with only what the jar
 * holds. A local run's IAM client and its stop at the time limit work there too, and so does serving the functions.
 */
class OffboardJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Process start(String... args) throws IOException {
        Path jar = Path.of("target", "offboard.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "mvn package builds " + jar);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-D" + ProjectHome.PROPERTY + "=" + ProjectHome.find(), "-jar", jar.toString()));
        command.addAll(List.of(CommandRun.withOwnRecords(args)));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static Result offboard(String... args) throws IOException, InterruptedException {
        Process process = start(args);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the command ended");
        return new Result(process.exitValue(), out);
    }

    private record Result(int exitCode, String out) {
    }

    @Test
    void theJarStopsARunAtItsTimeLimitAndSaysWhatItChanged() throws Exception {
        Result run = offboard("local", "--lag", "30", "--timeout", "2", "--json");

        assertEquals(ExitCode.CANNOT_RUN, run.exitCode(), run.out());
        JsonNode result = JSON.readTree(run.out());
        assertEquals("TIMED_OUT", result.path("status").asText(), run.out());
        assertTrue(result.path("changes").isArray(), run.out());
        assertTrue(result.path("userExists").asBoolean(), run.out());
        assertTrue(result.path("engineEnded").asBoolean(), run.out());
    }

    @Test
    void theJarServesTheFunctionsThroughLambdasInvokeApiUntilItIsStopped() throws Exception {
        Process process = start("serve-functions", "--port", "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String endpoint = null;
            for (String line = out.readLine(); line != null && endpoint == null; line = out.readLine()) {
                if (line.startsWith("  http://127.0.0.1:")) {
                    endpoint = line.strip();
                }
            }
            assertTrue(endpoint != null, "it printed its endpoint");
            try (LambdaClient lambda = ServeFunctionsCommandTest.lambdaAt(URI.create(endpoint))) {
                InvokeResponse response = lambda.invoke(r -> r.functionName("list-tokens:live")
                        .payload(SdkBytes.fromUtf8String("{\"userName\": \"little_tester\"}")));

                assertEquals(200, response.statusCode());
                assertNull(response.functionError(), response.payload().asUtf8String());
                assertEquals("little_tester", JSON.readTree(response.payload().asUtf8String()).path("inventory").path("userName")
                        .asText());
            }
            process.toHandle().destroy(); // SIGTERM, as Ctrl-C's kin, leaving its output readable
            StringBuilder rest = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                rest.append(line).append('\n');
            }
            assertTrue(process.waitFor(1, TimeUnit.MINUTES), "it stops when told to");
            assertTrue(rest.toString().contains("list-tokens:live -> 200"), rest.toString());
            assertTrue(rest.toString().contains("Stopped."), rest.toString());
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void theJarRefusesABadFlagBeforeAnythingRuns() throws Exception {
        Result run = offboard("local", "--timeout", "0");

        assertEquals(ExitCode.USAGE, run.exitCode(), run.out());
    }
}
