package dev.offboarding.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * STS's GetCallerIdentity over HTTP on a loopback port, in STS's query protocol, answered by {@code sts} (the
 * simulator's STS, whose caller is the world's): what AWS_ENDPOINT_URL_STS points a separate `offboard local --user`
 * process to, since that is the one STS call it makes. Any other action is refused as STS refuses an unknown one.
 */
final class CallerIdentityEndpoint implements AutoCloseable {
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private final HttpServer server;
    private final StsClient sts;

    private CallerIdentityEndpoint(HttpServer server, StsClient sts) {
        this.server = server;
        this.sts = sts;
    }

    static CallerIdentityEndpoint start(StsClient sts) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        CallerIdentityEndpoint endpoint = new CallerIdentityEndpoint(server, sts);
        server.createContext("/", endpoint::serve);
        server.start();
        return endpoint;
    }

    /** The value for AWS_ENDPOINT_URL_STS. */
    URI uri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String form = URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            String requestId = UUID.randomUUID().toString();
            int status;
            String xml;
            if (("&" + form + "&").contains("&Action=GetCallerIdentity&")) {
                GetCallerIdentityResponse caller = sts.getCallerIdentity();
                status = 200;
                xml = "<GetCallerIdentityResponse xmlns=\"" + NAMESPACE + "\"><GetCallerIdentityResult><Arn>"
                        + escape(caller.arn()) + "</Arn><UserId>" + escape(caller.userId()) + "</UserId><Account>"
                        + escape(caller.account()) + "</Account></GetCallerIdentityResult><ResponseMetadata>"
                        + "<RequestId>" + requestId + "</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
            } else {
                status = 400;
                xml = "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>Sender</Type><Code>InvalidAction</Code>"
                        + "<Message>Could not find operation for this endpoint</Message></Error><RequestId>"
                        + requestId + "</RequestId></ErrorResponse>";
            }
            byte[] body = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
