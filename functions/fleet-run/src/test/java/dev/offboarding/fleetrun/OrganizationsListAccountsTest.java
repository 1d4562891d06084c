package dev.offboarding.fleetrun;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.offboarding.errors.SelectionFailedException;
import dev.offboarding.fleet.FleetRequest;
import dev.offboarding.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Organizations ListAccounts through the production client (url-connection-client, the SDK's JSON protocol) against
 * a server on 127.0.0.1 answering as Organizations does: pages until there is no NextToken; State ACTIVE only.
 */
class OrganizationsListAccountsTest {
    private HttpServer server;
    private final List<JsonNode> requests = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private final List<String[]> answers = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
            targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String[] answer = answers.remove(0);
            byte[] body = answer[1].getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            if (answer.length > 2) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", answer[2]);
            }
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SdkOrganizationAccounts accounts() {
        return new SdkOrganizationAccounts(() -> SdkOrganizationAccounts.builder(Map.of())
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE",
                        "example-not-a-secret")))
                .build());
    }

    private static String account(String id, String state) {
        return "{\"Id\":\"" + id + "\",\"Arn\":\"arn:aws:organizations::123456789012:account/o-abc/" + id + "\","
                + "\"Email\":\"a" + id + "@example.com\",\"Name\":\"a" + id + "\",\"Status\":\""
                + (state.equals("CLOSED") ? "SUSPENDED" : state) + "\",\"State\":\"" + state + "\","
                + "\"JoinedMethod\":\"CREATED\",\"JoinedTimestamp\":1.7E9}";
    }

    @Test
    void everyPageIsReadAndOnlyActiveAccountsCount() {
        answers.add(new String[] {"200", "{\"Accounts\":[" + account("111111111111", "ACTIVE") + ","
                + account("222222222222", "SUSPENDED") + "],\"NextToken\":\"page-2\"}"});
        answers.add(new String[] {"200", "{\"Accounts\":[" + account("333333333333", "ACTIVE") + ","
                + account("444444444444", "CLOSED") + "]}"});

        assertEquals(List.of("111111111111", "333333333333"), accounts().activeAccounts());
        assertEquals(List.of("AWSOrganizationsV20161128.ListAccounts", "AWSOrganizationsV20161128.ListAccounts"),
                targets);
        assertEquals("page-2", requests.get(1).get("NextToken").asText());
        assertEquals(20, requests.get(0).get("MaxResults").asInt());
    }

    @Test
    void onceMoreActiveAccountsThanARunSelectsInAreFoundTheRestIsNotRead() {
        int pages = FleetRequest.MAX_ACCOUNTS / SdkOrganizationAccounts.PAGE_SIZE + 1;
        for (int page = 0; page <= pages; page++) {
            StringBuilder accounts = new StringBuilder();
            for (int i = 0; i < SdkOrganizationAccounts.PAGE_SIZE; i++) {
                accounts.append(i == 0 ? "" : ",").append(account(String.format("%012d",
                        100_000_000_000L + page * 100L + i), "ACTIVE"));
            }
            answers.add(new String[] {"200", "{\"Accounts\":[" + accounts + "],\"NextToken\":\"page-" + (page + 2)
                    + "\"}"});
        }

        List<String> active = accounts().activeAccounts();

        assertEquals(pages * SdkOrganizationAccounts.PAGE_SIZE, active.size());
        assertTrue(active.size() > FleetRequest.MAX_ACCOUNTS);
        assertEquals(pages, targets.size(), "the pages after the one that passed the limit are not asked for");
    }

    @Test
    void aRefusedCallFailsTheSelectionNamingTheCallAndTheCode() {
        answers.add(new String[] {"400", "{\"__type\":\"AccessDeniedException\",\"Message\":\"You don't have"
                + " permissions to access this resource.\"}", "AccessDeniedException"});

        String message = assertThrows(SelectionFailedException.class, () -> accounts().activeAccounts())
                .getMessage();
        assertTrue(message.contains("organizations:ListAccounts failed with AccessDeniedException (400)"), message);
        assertTrue(!message.contains("example-not-a-secret"), message);
    }
}
