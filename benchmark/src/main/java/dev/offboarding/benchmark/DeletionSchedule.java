package dev.offboarding.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbers that decide when the workflow deletes a user, read from the definition itself: the propagation wait
 * (its {@code DefinitionSubstitutions} value), DeleteUser's Retry on {@code UserDeleteConflictException}, and how many
 * sweeps {@code SweepOrGiveUp} allows.
 */
record DeletionSchedule(double propagationWaitSeconds, double intervalSeconds, double backoffRate,
                        double maxDelaySeconds, int maxAttempts, String jitter, int sweeps) {
    static final String CONFLICT = "dev.offboarding.errors.UserDeleteConflictException";

    static DeletionSchedule read(Path definition, Path substitutions) throws IOException {
        JsonNode states = Functions.JSON.readTree(definition.toFile()).get("States");
        JsonNode retrier = null;
        for (JsonNode candidate : states.get("DeleteUser").get("Retry")) {
            for (JsonNode error : candidate.get("ErrorEquals")) {
                if (CONFLICT.equals(error.asText())) {
                    retrier = candidate;
                }
            }
        }
        if (retrier == null) {
            throw new IllegalStateException("DeleteUser has no Retry on " + CONFLICT);
        }
        int sweeps = states.get("SweepOrGiveUp").get("Choices").get(0).get("NumericGreaterThanEquals").asInt();
        double wait = Functions.JSON.readTree(substitutions.toFile()).get("PropagationWaitSeconds").asDouble();
        return new DeletionSchedule(wait, retrier.get("IntervalSeconds").asDouble(), retrier.get("BackoffRate").asDouble(),
                retrier.get("MaxDelaySeconds").asDouble(), retrier.get("MaxAttempts").asInt(),
                retrier.path("JitterStrategy").asText("NONE"), sweeps);
    }

    /** The upper bound of the wait before retry n (0-based): Step Functions' min(interval * rate^n, max delay). */
    List<Double> retryCaps() {
        List<Double> caps = new ArrayList<>();
        for (int n = 0; n < maxAttempts; n++) {
            caps.add(Math.min(intervalSeconds * Math.pow(backoffRate, n), maxDelaySeconds));
        }
        return caps;
    }

    boolean fullJitter() {
        return "FULL".equals(jitter);
    }
}
