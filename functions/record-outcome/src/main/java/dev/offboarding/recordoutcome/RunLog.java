package dev.offboarding.recordoutcome;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the workflow counted and kept as it went: the removal rounds, the sweeps, the DeleteUser calls of earlier
 * rounds, the interruptions of this round, the interrupted removal attempts (newest first, as the workflow caught
 * them: {@code {"step", "error", "cause", "before"}}), and DeleteUser's last refusal.
 */
public record RunLog(Rounds rounds, int sweeps, int deleteUserCalls, int interruptions, JsonNode interrupted,
                     String lastConflict) {
}
