package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged command, target/offboard.jar, run as ./offboard runs it: in its own JVM, with only what the jar
 * holds. A local run's IAM client and its stop at the time limit work there too.
 */
class OffboardJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Result offboard(String... args) throws IOException, InterruptedException {
        Path jar = Path.of("target", "offboard.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "mvn package builds " + jar);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-D" + ProjectHome.PROPERTY + "=" + ProjectHome.find(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
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
    void theJarRefusesABadFlagBeforeAnythingRuns() throws Exception {
        Result run = offboard("local", "--timeout", "0");

        assertEquals(ExitCode.USAGE, run.exitCode(), run.out());
    }
}
