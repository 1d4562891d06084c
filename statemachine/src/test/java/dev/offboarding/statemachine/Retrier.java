package dev.offboarding.statemachine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The retrier of a Task state for one error, read from a definition, with the States Language's defaults for what it
 * leaves out: before retry n (from 1) Step Functions waits min(IntervalSeconds x BackoffRate^(n-1),
 * MaxDelaySeconds), and with JitterStrategy FULL a uniformly random part of that, from 0 up.
 */
record Retrier(String state, String error, double intervalSeconds, double backoffRate, Double maxDelaySeconds,
               int maxAttempts, String jitterStrategy) {

    static Retrier of(Path definition, String state, String error) {
        JsonNode retry = RealFunctions.read(definition).path("States").path(state).path("Retry");
        for (JsonNode retrier : retry) {
            for (JsonNode name : retrier.path("ErrorEquals")) {
                if (name.asText().equals(error)) {
                    return new Retrier(state, error, retrier.path("IntervalSeconds").asDouble(1),
                            retrier.path("BackoffRate").asDouble(2),
                            retrier.hasNonNull("MaxDelaySeconds") ? retrier.get("MaxDelaySeconds").asDouble() : null,
                            retrier.path("MaxAttempts").asInt(3), retrier.path("JitterStrategy").asText("NONE"));
                }
            }
        }
        throw new AssertionError(definition.getFileName() + ": " + state + " retries no " + error);
    }

    /** The longest pause before retry {@code n} (from 1), to the millisecond, as the engine draws it. */
    Duration capOfRetry(int n) {
        double seconds = intervalSeconds * Math.pow(backoffRate, n - 1);
        if (maxDelaySeconds != null) {
            seconds = Math.min(seconds, maxDelaySeconds);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** Retry {@code n} waited {@code pause}: from 0 to its cap with FULL jitter, exactly the cap without. */
    void assertAllows(int n, Duration pause) {
        assertTrue(n >= 1 && n <= maxAttempts, state + " retried " + n + " times after " + error + ", at most "
                + maxAttempts);
        Duration cap = capOfRetry(n);
        String what = state + " retry " + n + " after " + error + " waited " + pause + "; its cap is " + cap;
        if (jitterStrategy.equals("FULL")) {
            assertTrue(!pause.isNegative() && pause.compareTo(cap) <= 0, what);
        } else {
            assertTrue(pause.equals(cap), what);
        }
    }
}
