package dev.offboarding.startoffboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The real Step Functions client, as the function builds it, against a local HTTP endpoint that answers like Step
 * Functions' JSON protocol: StartExecution is sent as Step Functions expects it, and its ExecutionAlreadyExists answer
 * is recognised as the duplicate it is.
 */
class StartOffboardingSfnWireTest {
    private final List<String> targets = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private SfnClient clientOfLocalStepFunctions() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        return SfnClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.EU_WEST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointOverride(URI.create("http://" + server.getAddress().getHostString() + ":"
                        + server.getAddress().getPort()))
                .build();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            JsonNode body = Json.mapper().readTree(exchange.getRequestBody());
            String name = body.get("name").asText();
            boolean duplicate = !names.add(name);
            String answer = duplicate
                    ? "{\"__type\":\"ExecutionAlreadyExists\",\"message\":\"Execution Already Exists: '" + name + "'\"}"
                    : "{\"executionArn\":\"" + body.get("stateMachineArn").asText().replace(":stateMachine:", ":execution:")
                    + ":" + name + "\",\"startDate\":1.7636E9}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(duplicate ? 400 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Test
    void aDuplicateDeliveryIsRecognisedFromStepFunctionsOwnAnswer() throws IOException {
        StartOffboardingHandler handler = new StartOffboardingHandler(clientOfLocalStepFunctions(),
                WorkflowSettings.fromEnvironment(StartOffboardingHandlerUnitTest.ENVIRONMENT));
        byte[] event = StartOffboardingHandlerUnitTest.event("{\"userName\": \"little_tester\"}")
                .getBytes(StandardCharsets.UTF_8);

        List<String> outcomes = new ArrayList<>();
        for (int delivery = 0; delivery < 2; delivery++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), out, new LocalContext("start-offboarding"));
            outcomes.add(Json.mapper().readTree(out.toByteArray()).get("outcome").asText());
        }

        assertEquals(List.of("STARTED", "ALREADY_STARTED"), outcomes);
        assertEquals(List.of("AWSStepFunctions.StartExecution", "AWSStepFunctions.StartExecution"), targets);
        assertTrue(names.contains("event-" + StartOffboardingHandlerUnitTest.EVENT_ID), names.toString());
    }
}
