package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

/** An output example in events/ checked against what its function really answers to its input example. */
final class ExampleAnswers {
    private ExampleAnswers() {
    }

    /** The handler's answer to events/{@code input}, as Lambda runs it (stream in, stream out), is events/{@code output}. */
    static void assertAnswers(RequestStreamHandler handler, String function, String input, String output)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(Repository.EVENTS.resolve(input))) {
            handler.handleRequest(in, out, new LocalContext(function));
        }
        JsonNode answer = Json.mapper().readTree(out.toByteArray());
        JsonNode documented = Json.mapper().readTree(Repository.EVENTS.resolve(output).toFile());

        assertEquals(documented, answer, "events/" + output + " is not what " + function + " answers to events/" + input
                + "; it answers:\n" + Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(answer));
    }
}
