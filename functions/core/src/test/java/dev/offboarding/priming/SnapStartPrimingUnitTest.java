package dev.offboarding.priming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A failed priming is visible (in its outcome and as one JSON log line) and never stops the checkpoint. */
class SnapStartPrimingUnitTest {
    private static final String SAMPLE = "{\"userName\": \"priming\"}";

    private final List<String> logged = new ArrayList<>();

    /** A twin that calls GetUser through the offline client, then does {@code after}. */
    private static Function<OfflineIam, RequestStreamHandler> twin(Runnable after) {
        return iam -> (in, out, context) -> {
            iam.gateway().user("priming");
            after.run();
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        };
    }

    private SnapStartPriming priming(Function<OfflineIam, RequestStreamHandler> twin) {
        return SnapStartPriming.of("list-tokens", twin, SAMPLE).loggingTo(logged::add);
    }

    @Test
    void aPrimingThatCompletesSucceedsAndLogsNothing() {
        SnapStartPriming priming = priming(twin(() -> { }));

        SnapStartPriming.Outcome outcome = priming.prime();
        priming.beforeCheckpoint(null);

        assertTrue(outcome.succeeded(), outcome::describe);
        assertEquals(List.of("GetUser"), outcome.answered());
        assertEquals(List.of(), logged);
    }

    @Test
    void whatTheSampleRequestLogsStaysOutOfTheFunctionsLog() {
        // Lambda sends a function's standard output to its log: the sample request is no invocation to be logged.
        ByteArrayOutputStream standardOutput = new ByteArrayOutputStream();
        PrintStream original = System.out;
        SnapStartPriming.Outcome outcome;
        System.setOut(new PrintStream(standardOutput, true, StandardCharsets.UTF_8));
        try {
            outcome = priming(iam -> (in, out, context) -> {
                context.getLogger().log("{\"event\":\"inventory-taken\",\"userName\":\"priming\"}");
                out.write("{}".getBytes(StandardCharsets.UTF_8));
            }).prime();
        } finally {
            System.setOut(original);
        }

        assertTrue(outcome.succeeded(), outcome::describe);
        assertEquals("", standardOutput.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPrimingThatThrowsSaysSoWithWhatItHadAnswered() {
        IllegalStateException failure = new IllegalStateException("the handler broke after its IAM calls");

        SnapStartPriming.Outcome outcome = priming(twin(() -> {
            throw failure;
        })).prime();

        assertFalse(outcome.succeeded());
        assertSame(failure, outcome.failure());
        assertEquals(List.of("GetUser"), outcome.answered(), "what was answered before it failed");
        assertTrue(outcome.describe().contains("the handler broke after its IAM calls"), outcome.describe());
    }

    @Test
    void beforeACheckpointAFailedPrimingIsLoggedAsOneJsonLineAndTheCheckpointGoesOn() throws Exception {
        SnapStartPriming priming = priming(twin(() -> {
            throw new IllegalStateException("line one\nline \"two\"");
        }));

        priming.beforeCheckpoint(null);

        assertEquals(1, logged.size(), logged.toString());
        assertFalse(logged.get(0).contains("\n"), "one line");
        JsonNode line = Json.mapper().readTree(logged.get(0));
        assertEquals("snapstart-priming-failed", line.get("event").asText());
        assertEquals("list-tokens", line.get("function").asText());
        assertEquals("java.lang.IllegalStateException", line.get("error").asText());
        assertEquals("line one\nline \"two\"", line.get("message").asText());
        assertEquals("GetUser", line.get("answeredInMemory").get(0).asText());
        assertTrue(line.get("stack").size() > 0);
    }

    @Test
    void aClassThatCannotBeLoadedOrATwinThatCannotBeBuiltIsAFailedPrimingToo() {
        SnapStartPriming.Outcome linkage = priming(twin(() -> {
            throw new NoClassDefFoundError("software/amazon/awssdk/services/iam/paginators/ListUsersIterable");
        })).prime();
        SnapStartPriming.Outcome construction = priming(iam -> {
            throw new IllegalArgumentException("no such setting");
        }).prime();
        SnapStartPriming.Outcome io = priming(iam -> (in, out, context) -> {
            try (OutputStream closed = out) {
                throw new java.io.IOException("the output could not be written");
            }
        }).prime();

        assertTrue(linkage.failure() instanceof NoClassDefFoundError, linkage::describe);
        assertTrue(construction.failure() instanceof IllegalArgumentException, construction::describe);
        assertEquals(List.of(), construction.answered());
        assertTrue(io.failure() instanceof java.io.IOException, io::describe);
    }

    @Test
    void aVirtualMachineErrorIsNotSwallowedTheJvmIsNotWorthASnapshot() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        SnapStartPriming priming = priming(twin(() -> {
            throw oom;
        }));

        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> priming.beforeCheckpoint(null)));
    }
}
