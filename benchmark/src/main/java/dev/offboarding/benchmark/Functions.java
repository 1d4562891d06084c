package dev.offboarding.benchmark;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.deleteuser.DeleteUserHandler;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.listtokens.ListTokensHandler;
import dev.offboarding.local.LocalContext;
import dev.offboarding.removetokens.Pause;
import dev.offboarding.removetokens.RemoveTokensHandler;
import dev.offboarding.simulator.IamSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/** The real handlers in this JVM over a simulator, called through the same JSON entry point Lambda uses. */
final class Functions {
    static final ObjectMapper JSON = new ObjectMapper();

    private Functions() {
    }

    static IamSimulator world(Path scenario) {
        return IamSimulator.fromFile(scenario, Clock.systemUTC());
    }

    /** list-tokens' inventory of the user (its answer is the inspection: the inventory and the decision). */
    static JsonNode listTokens(IamSimulator iam, String userName) {
        return invoke(new ListTokensHandler(new IamGateway(iam), GuardSettings.defaults(), Clock.systemUTC()),
                "{\"userName\": \"" + userName + "\"}").get("inventory");
    }

    static JsonNode removeTokens(IamSimulator iam, JsonNode inventory) {
        return invoke(new RemoveTokensHandler(new IamGateway(iam), Pause.REAL, Clock.systemUTC()),
                removeRequest(inventory).toString());
    }

    static ObjectNode removeRequest(JsonNode inventory) {
        ObjectNode request = JSON.createObjectNode();
        request.set("inventory", inventory);
        request.put("mode", "REMOVE");
        request.put("dryRun", false);
        return request;
    }

    static JsonNode deleteUser(IamSimulator iam, String userName) {
        return invoke(new DeleteUserHandler(new IamGateway(iam), Clock.systemUTC()),
                "{\"userName\": \"" + userName + "\", \"attempt\": 0}");
    }

    static JsonNode invoke(RequestStreamHandler handler, String request) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out,
                    new LocalContext("benchmark"));
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
