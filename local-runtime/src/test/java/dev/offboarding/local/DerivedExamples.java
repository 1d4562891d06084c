package dev.offboarding.local;

import static dev.offboarding.local.Scenario.JSON;
import static dev.offboarding.local.Scenario.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The examples in events/ that are outputs of the functions, or made from one: what list-tokens really returns for
 * the little-tester world, and the remove-tokens requests built from that inventory.
 *
 * <p>{@link FunctionEventsTest} only compares the files with what the functions return now. Rewriting them is a
 * separate step, run by hand when a change of output is intended, whose result is reviewed in the diff:
 * <pre>
 *   mvn -B -q -pl local-runtime -am process-test-classes -Pregenerate-examples
 * </pre>
 */
final class DerivedExamples {
    static final String LIST_TOKENS_OUTPUT = "list-tokens-output.json";
    static final String REMOVE_TOKENS = "remove-tokens.json";
    static final String REMOVE_TOKENS_LOCK_OUT = "remove-tokens-lock-out.json";

    private DerivedExamples() {
    }

    /** Each derived example's file name and content, as the functions make them now. */
    static Map<String, JsonNode> now() {
        JsonNode answer = json(Scenario.load("little-tester").listTokens("little_tester"));
        JsonNode inventory = answer.get("inventory");
        Map<String, JsonNode> files = new LinkedHashMap<>();
        files.put(LIST_TOKENS_OUTPUT, answer);
        files.put(REMOVE_TOKENS, removeRequest(inventory, "REMOVE", null));
        files.put(REMOVE_TOKENS_LOCK_OUT, removeRequest(inventory, "LOCK_OUT", 14));
        return files;
    }

    static String text(JsonNode json) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
    }

    private static ObjectNode removeRequest(JsonNode inventory, String mode, Integer quarantineDays) {
        ObjectNode request = JSON.createObjectNode();
        request.set("inventory", inventory);
        request.put("mode", mode).put("dryRun", false);
        if (quarantineDays != null) {
            request.put("quarantineDays", quarantineDays);
        }
        return request;
    }

    /** Rewrites the derived examples in events/ and says which changed. */
    public static void main(String[] args) throws IOException {
        for (Map.Entry<String, JsonNode> example : now().entrySet()) {
            Path file = Scenario.eventsDir().resolve(example.getKey()).toAbsolutePath().normalize();
            String text = text(example.getValue());
            boolean same = Files.exists(file) && Files.readString(file).equals(text);
            if (!same) {
                Files.writeString(file, text);
            }
            System.out.println((same ? "unchanged " : "rewritten ") + file + (same ? "" : " (review the diff)"));
        }
    }
}
