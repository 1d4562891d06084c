package dev.offboarding.s3testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real S3-compatible server for tests: Adobe S3Mock, run from its own runnable jar as a separate java process (its
 * Spring Boot class path never meets the tests'), on 127.0.0.1 and ports the system picks, keeping its objects in a
 * temporary folder. It speaks the S3 REST API as the SDK does: SigV4-signed requests (it does not check signatures),
 * aws-chunked uploads with flexible checksums, ListObjectsV2 with max-keys and continuation tokens, NoSuchKey and
 * NoSuchBucket errors.
 *
 * <p>Point an SDK client at {@link #endpoint()} (an IP address: the SDK then addresses buckets path-style, as
 * S3Mock needs) with {@link #region()} and any credentials, or give a process {@link #environment()}.
 *
 * <p>The server ends when {@link #close()} is called, when the JVM that started it exits, and also when that JVM is
 * killed: it is started under a small shell that ends it as soon as its standard input, a pipe from this JVM, closes.
 */
public final class S3TestServer implements AutoCloseable {
    /** The credentials any client may sign with; S3Mock accepts every signature. Never real ones. */
    public static final String ACCESS_KEY_ID = "AKIDS3TESTSERVER";
    public static final String SECRET_ACCESS_KEY = "s3-test-server-secret-never-printed";
    private static final String REGION = "us-east-1";
    private static final Duration START_BOUND = Duration.ofSeconds(90);
    private static final Duration STOP_BOUND = Duration.ofSeconds(20);
    private static final Pattern STARTED = Pattern.compile("Tomcat started on ports? .*?(\\d+) \\(http\\)");
    private static final Pattern FAILED = Pattern.compile("APPLICATION FAILED TO START|Exception in thread \"main\"");
    /**
     * Runs the command given after it, ends it (SIGTERM: S3Mock shuts down and removes its objects) once this
     * shell's standard input reaches its end, and itself ends when the command does.
     */
    private static final String WATCHDOG = "exec 3<&0; \"$@\" 3<&- & server=$!;"
            + " { read -r ignored <&3; kill \"$server\" 2>/dev/null; } &"
            + " wait \"$server\"; echo \"s3-test-server: S3Mock ended with exit status $?\"";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3TestServer shared;

    private final Process watchdog;
    private final Path folder;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private S3TestServer(Process watchdog, Path folder, URI endpoint) {
        this.watchdog = watchdog;
        this.folder = folder;
        this.endpoint = endpoint;
    }

    /** One server for every test of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized S3TestServer shared() {
        if (shared == null) {
            S3TestServer server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3-test-server stop"));
            shared = server;
        }
        return shared;
    }

    /** A server of its own; {@link #close()} it. */
    public static S3TestServer start() {
        Path folder;
        try {
            folder = Files.createTempDirectory("s3-test-server");
            Path data = Files.createDirectory(folder.resolve("data"));
            Path sources = folder.resolve("http-connector-on-loopback.xml");
            try (InputStream xml = resource("http-connector-on-loopback.xml")) {
                Files.copy(xml, sources);
            }
            Path log = folder.resolve("s3mock.log");
            List<String> command = new ArrayList<>(List.of("sh", "-c", WATCHDOG, "s3-test-server",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Djava.io.tmpdir=" + folder,
                    "-jar", s3mockJar().toString(),
                    "--server.address=127.0.0.1", "--server.port=0", "--http.port=0",
                    "--spring.main.sources=" + sources.toUri(),
                    "--spring.main.banner-mode=off",
                    "--logging.level.root=WARN",
                    "--logging.level.org.springframework.boot.tomcat.TomcatWebServer=INFO",
                    "--com.adobe.testing.s3mock.store.root=" + data,
                    "--com.adobe.testing.s3mock.store.region=" + REGION));
            Process watchdog = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new S3TestServer(watchdog, folder, awaitStarted(watchdog, log));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the S3 test server", e);
        }
    }

    private static URI awaitStarted(Process watchdog, Path log) throws IOException {
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            String printed = Files.readString(log, StandardCharsets.UTF_8);
            Matcher started = STARTED.matcher(printed);
            if (started.find()) {
                return URI.create("http://127.0.0.1:" + started.group(1));
            }
            if (FAILED.matcher(printed).find() || !watchdog.isAlive()) {
                stop(watchdog);
                throw new IllegalStateException("the S3 test server (S3Mock) did not start:\n" + tail(printed));
            }
            pause(100);
        }
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        stop(watchdog);
        throw new IllegalStateException("the S3 test server (S3Mock) did not start within " + START_BOUND.toSeconds()
                + " s:\n" + tail(printed));
    }

    /** {@code http://127.0.0.1:<port>}: plain HTTP, on the loopback address only. */
    public URI endpoint() {
        return endpoint;
    }

    /** Where the server keeps its objects and log (removed by {@link #close()}), for tests of the fixture. */
    Path folder() {
        return folder;
    }

    /** The server's own process (S3Mock's JVM), for tests of the fixture. */
    ProcessHandle serverProcess() {
        return watchdog.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("the S3 test server's process is gone"));
    }

    public String region() {
        return REGION;
    }

    /**
     * What a process needs to reach this server through the standard SDK configuration: AWS_ENDPOINT_URL_S3,
     * AWS_REGION and (test) credentials.
     */
    public Map<String, String> environment() {
        return Map.of("AWS_ENDPOINT_URL_S3", endpoint.toString(), "AWS_REGION", REGION,
                "AWS_ACCESS_KEY_ID", ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
    }

    /** Creates a new empty bucket, named {@code <namePrefix>-<n>} (unique in this JVM), and returns its name. */
    public String createBucket(String namePrefix) {
        String bucket = namePrefix + "-" + BUCKETS.incrementAndGet();
        HttpRequest create = HttpRequest.newBuilder(endpoint.resolve("/" + bucket))
                .PUT(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = http.send(create, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the S3 test server did not create bucket " + bucket + ": "
                        + response.statusCode() + " " + response.body());
            }
            return bucket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server (it removes its objects) and removes its folder. */
    @Override
    public void close() {
        stop(watchdog);
        delete(folder);
    }

    static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).limit(1_000_000).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }

    private static void stop(Process watchdog) {
        try {
            watchdog.getOutputStream().close();
            if (!watchdog.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS)) {
                watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
                watchdog.destroyForcibly();
                watchdog.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
            watchdog.destroyForcibly();
        } catch (InterruptedException e) {
            watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
            watchdog.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** S3Mock's runnable jar, where the build found it (s3mock.properties, filled in by Maven). */
    static Path s3mockJar() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = resource("s3mock.properties")) {
            properties.load(in);
        }
        String jar = properties.getProperty("jar", "");
        if (jar.isEmpty() || jar.startsWith("${") || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("S3Mock's jar is not where the build said (" + jar + "): build with Maven"
                    + " (mvn verify), which resolves com.adobe.testing:s3mock:" + properties.getProperty("version")
                    + ":exec");
        }
        return Path.of(jar);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = S3TestServer.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name + " of " + S3TestServer.class.getName());
        }
        return in;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the S3 test server", e);
        }
    }

    private static String tail(String printed) {
        return printed.length() <= 4000 ? printed : printed.substring(printed.length() - 4000);
    }
}
