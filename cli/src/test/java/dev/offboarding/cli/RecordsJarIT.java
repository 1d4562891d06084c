package dev.offboarding.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.records.S3RecordStore;
import dev.offboarding.s3testserver.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The packaged command reads records from S3 with nothing but the standard SDK configuration: AWS_ENDPOINT_URL_S3,
 * AWS_REGION and credentials in its environment, here those of a real S3-compatible server on 127.0.0.1.
 */
class RecordsJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Result(int exitCode, String out, String err) {
    }

    private static Result offboard(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path jar = Path.of("target", "offboard.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "mvn package builds " + jar);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the command ended");
        return new Result(process.exitValue(), out, err);
    }

    @Test
    void theJarListsAndShowsRecordsOfAnS3CompatibleServerNamedByAwsEndpointUrlS3() throws Exception {
        S3TestServer server = S3TestServer.shared();
        String bucket = server.createBucket("jar-records");
        try (S3Client s3 = RecordsCommandTest.clientOf(server.endpoint())) {
            RecordsCommandTest.fill(new S3RecordStore(s3, bucket, "records/"));
        }
        String location = "s3://" + bucket + "/records";

        Result list = offboard(server.environment(), "records", "list", "--records", location, "--account",
                "123456789012", "--user", "alice", "--json");
        Result show = offboard(server.environment(), "records", "show", RecordsCommandTest.BOB, "--records",
                location, "--json");

        assertEquals(ExitCode.SUCCEEDED, list.exitCode(), list.err());
        JsonNode listed = JSON.readTree(list.out());
        assertEquals(List.of(RecordsCommandTest.ALICE_FIRST, RecordsCommandTest.ALICE_AGAIN),
                List.of(listed.get(0).path("key").asText(), listed.get(1).path("key").asText()));
        assertEquals(ExitCode.SUCCEEDED, show.exitCode(), show.err());
        assertEquals("REFUSED", JSON.readTree(show.out()).path("outcome").asText());
    }

    @Test
    void theJarSaysWhichLocationItCouldNotReadAndShowsNoCredential() throws Exception {
        S3TestServer server = S3TestServer.shared();

        Result run = offboard(server.environment(), "records", "list", "--records", "s3://no-such-bucket-jar/r");

        assertEquals(ExitCode.CANNOT_RUN, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().lines().anyMatch(line -> line.startsWith("offboard: s3:ListObjectsV2 of"
                + " s3://no-such-bucket-jar/r/ failed with NoSuchBucket (404)")), run.err());
        assertFalse((run.out() + run.err()).contains(S3TestServer.SECRET_ACCESS_KEY), run.err());
    }
}
