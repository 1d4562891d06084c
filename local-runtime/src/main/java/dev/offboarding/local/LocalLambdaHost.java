package dev.offboarding.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Serves the functions to a local Step Functions engine in another process: {@code POST /invoke/<function>} with
 * the payload as body answers {@code {"payload": ...}} or {@code {"errorType": ..., "errorMessage": ...}}, exactly
 * what Lambda would report. It listens on the loopback address only, on a free port.
 */
public final class LocalLambdaHost implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final LocalFunctions functions;

    private LocalLambdaHost(HttpServer server, LocalFunctions functions) {
        this.server = server;
        this.functions = functions;
    }

    public static LocalLambdaHost start(LocalFunctions functions) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LocalLambdaHost host = new LocalLambdaHost(server, functions);
        server.createContext("/invoke/", host::invoke);
        server.start();
        return host;
    }

    public URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    private void invoke(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "{\"error\":\"POST only\"}");
                return;
            }
            String function = exchange.getRequestURI().getPath().substring("/invoke/".length());
            String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Invocation result;
            try {
                result = functions.invoke(function, payload);
            } catch (IllegalArgumentException unknownFunction) {
                respond(exchange, 404, JSON.createObjectNode().put("error", unknownFunction.getMessage()).toString());
                return;
            }
            ObjectNode body = JSON.createObjectNode();
            if (result.failed()) {
                body.put("errorType", result.errorType()).put("errorMessage", result.errorMessage());
            } else {
                body.set("payload", JSON.readTree(result.payload()));
            }
            respond(exchange, 200, body.toString());
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
