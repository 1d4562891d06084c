package dev.offboarding.deployment;

import dev.offboarding.recordoutcome.RecordOutcomeHandler;
import dev.offboarding.records.MemoryRecordStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The documented record-outcome output is what the function answers to the documented input. Its only AWS calls are
 * the record store's, so its real answer is computed here, by the handler as Lambda runs it (stream in, stream out),
 * with a store in memory (the record's location is {@code memory:<key>}) and its clock at {@link #WRITTEN_AT};
 * list-tokens' documented output is checked against the simulator in local-runtime's FunctionEventsTest.
 */
class RecordOutcomeExampleIsItsRealAnswerTest {
    static final String INPUT = "record-outcome.json";
    static final String OUTPUT = "record-outcome-output.json";
    /** When the documented record is written: 5 s after the documented execution started. */
    static final Instant WRITTEN_AT = Instant.parse("2026-11-20T12:00:05Z");

    @Test
    void theOutputExampleIsWhatRecordOutcomeAnswersToTheInputExample() throws IOException {
        ExampleAnswers.assertAnswers(new RecordOutcomeHandler(new MemoryRecordStore(),
                Clock.fixed(WRITTEN_AT, ZoneOffset.UTC)), "record-outcome", INPUT, OUTPUT);
    }
}
