package dev.offboarding.removetokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.model.UserInventory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;

/** One remove-tokens round as the workflow asks for it, and its answer read back. */
final class RoundRequests {
    private RoundRequests() {
    }

    static ObjectNode request(String mode, UserInventory inventory) {
        ObjectNode request = Json.mapper().createObjectNode().put("mode", mode);
        request.set("inventory", Json.mapper().valueToTree(inventory));
        return request;
    }

    static ObjectNode dryRun(String mode, UserInventory inventory) {
        return request(mode, inventory).put("dryRun", true);
    }

    /** Runs {@code request} against {@code iam}, never pausing; the answer as JSON. */
    static JsonNode invoke(IamClient iam, Clock clock, LocalContext context, ObjectNode request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RemoveTokensHandler(new IamGateway(iam), duration -> { }, clock).handleRequest(
                new ByteArrayInputStream(request.toString().getBytes(StandardCharsets.UTF_8)), out, context);
        return Json.mapper().readTree(out.toByteArray());
    }

    /** The answer's items as "KIND id ACTION", in order. */
    static List<String> items(JsonNode result) {
        List<String> items = new ArrayList<>();
        result.get("items").forEach(i -> items.add(i.get("kind").asText() + " " + i.get("id").asText() + " "
                + i.get("action").asText()));
        return items;
    }
}
