package dev.offboarding.s3testserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An S3 endpoint on 127.0.0.1 that gives answers chosen by the test, for what a real server will not do on demand:
 * refuse (AccessDenied, 403) or answer a page that is truncated but carries no continuation token. Each answer is an
 * S3 REST answer (status and XML body) that the SDK parses as it would S3's.
 */
public final class CannedS3Server implements AutoCloseable {
    /** One HTTP answer: its status and XML body (empty for none). */
    public record Answer(int status, String xml) {
        /** S3's error document, as S3 sends it for a refusal. */
        public static Answer error(int status, String code, String message) {
            return new Answer(status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
                    + "</Code><Message>" + message + "</Message><RequestId>CANNED0000000000</RequestId>"
                    + "<HostId>canned-s3-server</HostId></Error>");
        }
    }

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private CannedS3Server(Function<URI, Answer> answers) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the canned S3 server", e);
        }
        server.createContext("/", exchange -> answer(exchange, answers));
        server.start();
    }

    /** Answers every request with {@code answers} of its path and query. */
    public static CannedS3Server answering(Function<URI, Answer> answers) {
        return new CannedS3Server(answers);
    }

    /** Refuses every request with S3's error {@code code} and HTTP {@code status}, e.g. 403 AccessDenied. */
    public static CannedS3Server refusing(int status, String code, String message) {
        Answer refusal = Answer.error(status, code, message);
        return new CannedS3Server(uri -> refusal);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request received so far, as {@code "<method> <path>?<query>"}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange, Function<URI, Answer> answers) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            requests.add(exchange.getRequestMethod() + " " + uri);
            exchange.getRequestBody().readAllBytes();
            Answer answer = answers.apply(uri);
            byte[] body = answer.xml().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.getResponseHeaders().add("x-amz-request-id", "CANNED0000000000");
            boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(answer.status(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
