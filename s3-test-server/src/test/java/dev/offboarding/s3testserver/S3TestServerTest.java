package dev.offboarding.s3testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fixture itself: a real S3 REST server, only on the loopback address, that never outlives its tests. */
class S3TestServerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @Test
    void answersS3RestCallsOnTheLoopbackAddress() throws Exception {
        S3TestServer server = S3TestServer.shared();
        String bucket = server.createBucket("fixture");

        HttpResponse<String> put = send(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket + "/a/b.json"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"x\":1}")).build());
        HttpResponse<String> get = send(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket + "/a/b.json"))
                .build());
        HttpResponse<String> missing = send(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket + "/nope"))
                .build());

        assertEquals("127.0.0.1", server.endpoint().getHost());
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("{\"x\":1}", get.body());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("<Code>NoSuchKey</Code>"), missing.body());
    }

    @Test
    void listensOnTheLoopbackAddressOnly() throws Exception {
        S3TestServer server = S3TestServer.shared();

        List<String> listening = ListeningSockets.of(server.serverProcess());

        assertFalse(listening.isEmpty(), "it listens");
        assertTrue(listening.stream().allMatch(ListeningSockets::isLoopback), "only on 127.0.0.1: " + listening);
        assertTrue(reachable(server.endpoint()));
    }

    @Test
    void stopsWhenClosed() {
        S3TestServer server = S3TestServer.start();
        URI endpoint = server.endpoint();
        assertTrue(reachable(endpoint));

        server.close();

        assertFalse(reachable(endpoint), "nothing listens on " + endpoint + " any more");
    }

    @Test
    void stopsWhenTheJvmThatStartedItIsKilled() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartAndWait.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        URI endpoint;
        Path folder;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(),
                    StandardCharsets.UTF_8));
            endpoint = URI.create(out.readLine());
            folder = Path.of(out.readLine());
            assertTrue(reachable(endpoint), "the other JVM's server runs");
        } finally {
            jvm.destroyForcibly();
            assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (reachable(endpoint) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertFalse(reachable(endpoint), "the server of a JVM killed with SIGKILL ended too");
        // Its folder is left behind (nothing was left to remove it): this test removes it.
        S3TestServer.delete(folder);
    }

    /** Starts a server, prints its endpoint, and waits to be killed. */
    static final class StartAndWait {
        public static void main(String[] args) throws InterruptedException {
            S3TestServer server = S3TestServer.start();
            System.out.println(server.endpoint());
            System.out.println(server.folder());
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(2).toMillis());
            server.close();
        }
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean reachable(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", endpoint.getPort()), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
